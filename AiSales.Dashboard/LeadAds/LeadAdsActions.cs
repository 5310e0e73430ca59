using AiSales.Core.Audit;
using AiSales.Core.Messaging;
using AiSales.Core.Tenancy;
using Npgsql;

namespace AiSales.Dashboard.LeadAds;

/// <summary>
/// "Read again" on a failed submission (after the Page was reconnected or the leads_retrieval permission granted): the
/// submission goes back to pending with a fresh attempt count, its <see cref="FetchLeadForm"/> is queued and the action
/// audited, in one transaction, and only for this merchant's failed submissions (a double click queues one read).
/// </summary>
public sealed class LeadAdsActions(NpgsqlDataSource dataSource, PostgresOutbox outbox, ICurrentMerchant current)
{
    public async Task<bool> RetryAsync(Guid submissionId, CancellationToken ct = default)
    {
        var merchantId = current.RequireMerchantId();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var reset = new NpgsqlCommand("""
            UPDATE lead_form_submissions SET status = 'pending', attempts = 0, last_error_code = NULL, last_error = NULL, updated_at = now()
            WHERE id = $1 AND merchant_id = $2 AND status = 'failed'
            RETURNING leadgen_id
            """, conn, tx))
        {
            reset.Parameters.Add(new() { Value = submissionId });
            reset.Parameters.Add(new() { Value = merchantId });
            if (await reset.ExecuteScalarAsync(ct) is not string) return false;
        }
        await using (var audit = new NpgsqlCommand("""
            INSERT INTO audit_log (merchant_id, actor_user_id, actor, action, entity_type, entity_id, details)
            VALUES ($1, $2, $3, $4, 'lead_form_submission', $5, '{}'::jsonb)
            """, conn, tx))
        {
            audit.Parameters.Add(new() { Value = merchantId });
            audit.Parameters.Add(new() { Value = (object?)current.UserId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
            audit.Parameters.Add(new() { Value = current.UserId is { } id ? $"user:{id}" : "system" });
            audit.Parameters.Add(new() { Value = AuditActions.LeadFormRetried });
            audit.Parameters.Add(new() { Value = submissionId.ToString() });
            await audit.ExecuteNonQueryAsync(ct);
        }
        var read = await outbox.StoreAsync(tx, [new FetchLeadForm(submissionId)], ct: ct);
        await tx.CommitAsync(ct);
        await read.SentAsync();
        return true;
    }
}
