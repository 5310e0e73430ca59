using AiSales.Core.Messaging;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Staff;
using AiSales.Core.Staff.Assistant;
using Npgsql;

namespace AiSales.Worker.Staff;

/// <summary>
/// Answers one message a linked team member sent to the shop's WhatsApp (<see cref="StaffAssistant"/>). The answer, the
/// inbound row's "handled" mark and the waiting confirmation commit together, and only if the row was still unhandled:
/// a redelivered job answers nothing twice. A command's own change commits before (through the shop's actions); run
/// again after a crash in between it finds the change made and says so ("already shipped").
/// </summary>
public sealed class HandleStaffMessageHandler(
    NpgsqlDataSource dataSource,
    IServiceScopeFactory scopes,
    PostgresOutbox outbox,
    TimeProvider clock,
    ILogger<HandleStaffMessageHandler> logger)
{
    private const string LoadSql = """
        SELECT sm.merchant_id, sm.staff_phone_id, sm.text, sm.status, sp.user_id, mm.role, m.name, m.time_zone,
               CASE WHEN sp.pending_until > now() THEN sp.pending_command::text END
        FROM staff_messages sm
        JOIN staff_phones sp ON sp.id = sm.staff_phone_id
        JOIN merchants m ON m.id = sm.merchant_id
        LEFT JOIN merchant_members mm ON mm.merchant_id = sm.merchant_id AND mm.user_id = sp.user_id
        WHERE sm.id = $1 AND sm.direction = 'inbound'
        """;

    public async Task Handle(HandleStaffMessage message, CancellationToken ct)
    {
        Loaded? row;
        await using (var conn = await dataSource.OpenConnectionAsync(ct))
        await using (var load = new NpgsqlCommand(LoadSql, conn))
        {
            load.Parameters.Add(new() { Value = message.StaffMessageId });
            await using var r = await load.ExecuteReaderAsync(ct);
            row = await r.ReadAsync(ct)
                ? new Loaded(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetGuid(4),
                    r.IsDBNull(5) ? null : EnumText<MemberRole>.Parse(r.GetString(5)), r.GetString(6), r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8)) { Id = message.StaffMessageId }
                : null;
        }
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["StaffMessageId"] = message.StaffMessageId, ["MerchantId"] = row?.MerchantId ?? Guid.Empty });
        if (row is null || row.Status != "received")
        {
            logger.LogInformation("HandleStaffMessage {StaffMessageId}: gone or already answered", message.StaffMessageId);
            return;
        }
        if (row.Role is not { } role)
        {
            // The member left the shop after linking the number: nothing of the shop is theirs to read or change.
            await MarkAsync(row, "not_member", null, null, ct);
            logger.LogWarning("HandleStaffMessage {StaffMessageId}: the phone's user is no longer a member of the shop", message.StaffMessageId);
            return;
        }

        var context = new StaffContext(row.MerchantId, row.UserId, role, ReplyShopName(row.MerchantName),
            TimeZoneInfo.TryFindSystemTimeZoneById(row.TimeZone, out var tz) ? tz : TimeZoneInfo.Utc, WritesEnglish(row.Text));
        // Resolved here rather than injected: the assistant reads through MerchantData, whose tenant (ICurrentMerchant) is
        // registered by a factory that Wolverine's generated handler code may not call (ServiceLocationPolicy.NotAllowed).
        StaffAnswer answer;
        await using (var services = scopes.CreateAsyncScope())
            answer = await services.ServiceProvider.GetRequiredService<StaffAssistant>().AnswerAsync(context, row.Text, row.PendingCommand, ct);
        if (await MarkAsync(row, answer.Intent, answer, answer.PendingCommand, ct))
            logger.LogInformation("HandleStaffMessage {StaffMessageId}: answered {Intent} for user {UserId}", message.StaffMessageId, answer.Intent, row.UserId);
    }

    /// <summary>Marks the inbound row handled and, with it, queues the answer and keeps (or drops) the waiting command.</summary>
    private async Task<bool> MarkAsync(Loaded row, string intent, StaffAnswer? answer, string? pending, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var batch = new NpgsqlBatch(conn, tx))
        {
            batch.BatchCommands.Add(PositionalSql.Command(
                "UPDATE staff_messages SET status = 'handled', intent = $2, updated_at = now() WHERE id = $1 AND status = 'received'",
                row.Id, intent));
            batch.BatchCommands.Add(PositionalSql.Command(
                "UPDATE staff_phones SET pending_command = $2::jsonb, pending_until = $3, updated_at = now() WHERE id = $1",
                row.StaffPhoneId, pending, pending is null ? null : clock.GetUtcNow() + StaffAssistant.ConfirmWithin));
            await batch.ExecuteNonQueryAsync(ct);
            if (batch.BatchCommands[0].RecordsAffected == 0)
            {
                await tx.RollbackAsync(ct);
                return false; // another delivery of this job answered it meanwhile
            }
        }
        var messages = outbox.Begin();
        if (answer is not null) await StaffOutbox.AddAsync(conn, tx, messages, row.MerchantId, row.StaffPhoneId, answer.Text, answer.Intent, ct);
        await messages.StoreAsync(tx, ct);
        await tx.CommitAsync(ct);
        await messages.SentAsync();
        return true;
    }

    /// <summary>Latin letters outnumber Arabic ones: the member writes English (Arabizi is rare among staff; Arabic is the default).</summary>
    internal static bool WritesEnglish(string text)
    {
        int latin = 0, arabic = 0;
        foreach (var ch in text)
        {
            if (char.IsAsciiLetter(ch)) latin++;
            else if (ch is >= '\u0600' and <= '\u06FF') arabic++;
        }
        return latin > arabic;
    }

    private static string ReplyShopName(string name) => Core.Replies.ReplyInputsLoader.ShopNames(name).Arabic;

    private sealed record Loaded(Guid MerchantId, Guid StaffPhoneId, string Text, string Status, Guid UserId, MemberRole? Role,
        string MerchantName, string TimeZone, string? PendingCommand)
    {
        public Guid Id { get; init; }
    }
}
