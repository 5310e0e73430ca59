using AiSales.Core.Messaging;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending;
using AiSales.Core.Sending.Transports;
using Npgsql;
using ChannelProvider = AiSales.Core.Persistence.Entities.ChannelProvider;

namespace AiSales.Core.LeadAds;

/// <summary>A submission waiting for its Graph read, with the Page's decrypted token (null: none usable).</summary>
public sealed record PendingLead(Guid Id, Guid MerchantId, Guid ChannelAccountId, string LeadgenId, string Status, int Attempts,
    string? FormId, string? AdId, DateTimeOffset? SubmittedAt, ChannelProvider Provider, ChannelCredentials? Credentials)
{
    public override string ToString() => $"PendingLead {{ Id = {Id}, LeadgenId = {LeadgenId}, Status = {Status}, Attempts = {Attempts} }}";
}

/// <summary>
/// The Worker's writes for one lead read. Each outcome is one transaction that first locks the submission and only
/// acts while it is still pending, so a redelivered <see cref="FetchLeadForm"/> can never make a second contact or
/// undo a finished read.
/// </summary>
public sealed class LeadFormStore(NpgsqlDataSource dataSource, ChannelCredentialsReader credentials, PostgresOutbox outbox,
    LeadContactWriter contacts)
{
    private const string LoadSql = """
        SELECT s.merchant_id, s.channel_account_id, s.leadgen_id, s.status, s.attempts, s.form_id, s.ad_id, s.submitted_at,
               a.platform, a.provider, a.access_token_encrypted, a.settings::text
        FROM lead_form_submissions s JOIN channel_accounts a ON a.id = s.channel_account_id
        WHERE s.id = $1
        """;

    private const string LockSql = "SELECT status FROM lead_form_submissions WHERE id = $1 FOR UPDATE";

    public async Task<PendingLead?> LoadAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = Command(conn, null, LoadSql, id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var platform = EnumText<ChannelPlatform>.Parse(r.GetString(8));
        var provider = EnumText<ChannelProvider>.Parse(r.GetString(9));
        var token = r.IsDBNull(10) ? null : r.GetFieldValue<byte[]>(10);
        return new PendingLead(id, r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetInt32(4),
            r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6),
            r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7), provider,
            credentials.Read(platform, provider, token, r.IsDBNull(11) ? null : r.GetString(11)));
    }

    /// <summary>The contact, its attribution and lead score, and the submission fetched; null when it was no longer pending.</summary>
    public async Task<Guid?> CompleteAsync(PendingLead pending, LeadRecord lead, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await LockPendingAsync(conn, tx, pending.Id, ct)) return null;
        var contactId = await contacts.WriteAsync(conn, tx, pending, lead, ct);
        await using (var update = Command(conn, tx, """
            UPDATE lead_form_submissions SET status = 'fetched', contact_id = $2, answers = $3::jsonb, attempts = attempts + 1,
                form_id = COALESCE($4, form_id), ad_id = COALESCE($5, ad_id), adset_id = $6, campaign_id = $7,
                submitted_at = COALESCE(submitted_at, $8), fetched_at = now(), last_error_code = NULL, last_error = NULL, updated_at = now()
            WHERE id = $1
            """, pending.Id, contactId, JsonbSerialization.Serialize(lead.Answers), lead.FormId, lead.AdId, lead.AdsetId,
            lead.CampaignId, lead.CreatedTime))
            await update.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return contactId;
    }

    /// <summary>Counts the attempt and queues the next read after <paramref name="delay"/>, in one transaction.</summary>
    public async Task<bool> RetryAsync(PendingLead pending, string? errorCode, string? error, TimeSpan delay, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await LockPendingAsync(conn, tx, pending.Id, ct)) return false;
        await using (var update = Command(conn, tx, """
            UPDATE lead_form_submissions SET attempts = attempts + 1, last_error_code = $2, last_error = $3, updated_at = now() WHERE id = $1
            """, pending.Id, errorCode, error))
            await update.ExecuteNonQueryAsync(ct);
        var next = outbox.Begin();
        next.Add(new FetchLeadForm(pending.Id), Delivery.After(delay));
        await next.StoreAsync(tx, ct);
        await tx.CommitAsync(ct);
        await next.SentAsync();
        return true;
    }

    /// <summary>
    /// The read failed for good; with <paramref name="needsReconnect"/> (the Page token is dead) the channel shows
    /// needs_reconnect as a failed send marks it, and the merchant sees why on the channels page.
    /// </summary>
    public async Task<bool> FailAsync(PendingLead pending, string? errorCode, string? error, bool needsReconnect, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await LockPendingAsync(conn, tx, pending.Id, ct)) return false;
        await using (var update = Command(conn, tx, """
            UPDATE lead_form_submissions SET status = 'failed', attempts = attempts + 1, last_error_code = $2, last_error = $3, updated_at = now()
            WHERE id = $1
            """, pending.Id, errorCode, error))
            await update.ExecuteNonQueryAsync(ct);
        if (needsReconnect)
        {
            await using var channel = Command(conn, tx, """
                UPDATE channel_accounts SET status = 'needs_reconnect', last_error = COALESCE($2, last_error), updated_at = now()
                WHERE id = $1 AND status <> 'disabled'
                """, pending.ChannelAccountId, error);
            await channel.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return true;
    }

    private static async Task<bool> LockPendingAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, CancellationToken ct)
    {
        await using var cmd = Command(conn, tx, LockSql, id);
        return await cmd.ExecuteScalarAsync(ct) as string == LeadFormStatuses.Pending;
    }

    internal static NpgsqlCommand Command(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, params object?[] args)
    {
        var cmd = new NpgsqlCommand(sql, conn, tx);
        foreach (var arg in args) cmd.Parameters.Add(new NpgsqlParameter { Value = arg ?? DBNull.Value });
        return cmd;
    }
}
