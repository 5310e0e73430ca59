using AiSales.Core.Messaging;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending;
using AiSales.Core.Sending.Transports;
using Npgsql;
using ChannelProvider = AiSales.Core.Persistence.Entities.ChannelProvider;

namespace AiSales.Worker.Staff;

/// <summary>
/// Sends one message of the staff assistant (an answer, a link code, an alert) to a team member's WhatsApp from the shop
/// number it is linked through. At most once: the row is claimed as "sending" before the call, and a redelivered job
/// that finds it so does not call again (the outcome is unknown; a duplicate answer to the team is worse than a missing
/// one they can ask again). A transient failure puts the row back to pending and lets the error policy retry.
/// </summary>
public sealed class SendStaffMessageHandler(
    NpgsqlDataSource dataSource,
    ChannelCredentialsReader credentials,
    ChannelSenderRegistry senders,
    ILogger<SendStaffMessageHandler> logger)
{
    private const string LoadSql = """
        SELECT sm.status, sm.text, sp.phone, ca.platform, ca.provider, ca.external_id, ca.access_token_encrypted, ca.settings::text, sm.merchant_id
        FROM staff_messages sm
        JOIN staff_phones sp ON sp.id = sm.staff_phone_id
        JOIN channel_accounts ca ON ca.id = sp.channel_account_id
        WHERE sm.id = $1 AND sm.direction = 'outbound'
        """;

    public async Task Handle(SendStaffMessage message, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        StaffSend? send;
        await using (var load = new NpgsqlCommand(LoadSql, conn))
        {
            load.Parameters.Add(new() { Value = message.StaffMessageId });
            await using var r = await load.ExecuteReaderAsync(ct);
            send = await r.ReadAsync(ct)
                ? new StaffSend(r.GetString(0), r.GetString(1), r.GetString(2), EnumText<ChannelPlatform>.Parse(r.GetString(3)),
                    EnumText<ChannelProvider>.Parse(r.GetString(4)), r.GetString(5), r.IsDBNull(6) ? null : (byte[])r[6], r.GetString(7), r.GetGuid(8))
                : null;
        }
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["StaffMessageId"] = message.StaffMessageId, ["MerchantId"] = send?.MerchantId ?? Guid.Empty });
        if (send is null)
        {
            logger.LogWarning("SendStaffMessage {StaffMessageId}: no such outbound staff message (unlinked since?)", message.StaffMessageId);
            return;
        }
        if (send.Status != "pending")
        {
            logger.LogInformation("SendStaffMessage {StaffMessageId}: already {Status}; not sending again", message.StaffMessageId, send.Status);
            return;
        }
        if (await SetAsync(conn, message.StaffMessageId, "sending", "pending", null, null, ct) == 0) return;

        var creds = credentials.Read(send.Platform, send.Provider, send.Token, send.Settings);
        if (creds is null)
        {
            await SetAsync(conn, message.StaffMessageId, "failed", "sending", null, "channel needs reconnect", ct);
            logger.LogWarning("SendStaffMessage {StaffMessageId}: the shop's WhatsApp number has no usable token", message.StaffMessageId);
            return;
        }
        var result = await senders.SendAsync(new AiSales.Core.Sending.Transports.SendRequest(send.Platform, send.Provider,
            send.AccountExternalId, send.Phone, send.Text, $"staff:{message.StaffMessageId:N}"), creds, ct);
        switch (result.Outcome)
        {
            case SendOutcome.Sent:
                await SetAsync(conn, message.StaffMessageId, "sent", "sending", result.ExternalMessageId, null, ct);
                return;
            case SendOutcome.RetryLater when !result.OutcomeUnknown:
                await SetAsync(conn, message.StaffMessageId, "pending", "sending", null, Describe(result), ct);
                throw new TimeoutException($"WhatsApp asked to retry the staff message later ({result.ErrorCode})");
            default:
                await SetAsync(conn, message.StaffMessageId, "failed", "sending", null, Describe(result), ct);
                logger.LogWarning("SendStaffMessage {StaffMessageId}: {Outcome} (code {ErrorCode})", message.StaffMessageId, result.Outcome, result.ErrorCode);
                return;
        }
    }

    private static string Describe(SendResult r) =>
        r.ErrorCode is { } code ? $"{code}: {r.ErrorMessage}" : r.ErrorMessage ?? r.Outcome.ToString();

    private static async Task<int> SetAsync(NpgsqlConnection conn, Guid id, string to, string from, string? externalId, string? error, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            UPDATE staff_messages SET status = $2, external_id = coalesce($4, external_id), error = $5, updated_at = now()
            WHERE id = $1 AND status = $3
            """, conn);
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = to });
        cmd.Parameters.Add(new() { Value = from });
        cmd.Parameters.Add(new() { Value = (object?)externalId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    private sealed record StaffSend(string Status, string Text, string Phone, ChannelPlatform Platform, ChannelProvider Provider,
        string AccountExternalId, byte[]? Token, string Settings, Guid MerchantId);
}
