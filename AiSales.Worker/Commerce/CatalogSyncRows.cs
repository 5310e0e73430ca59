using Npgsql;

namespace AiSales.Worker.Commerce;

/// <summary>
/// The catalog_sync writes of <see cref="CatalogSyncJob"/>. Every end state of a send is written only while the row
/// still has the version that was sent (<c>version = $2</c>): a product changed meanwhile stays pending (the trigger
/// reset it) and goes again with its new state.
/// </summary>
public sealed class CatalogSyncRows(NpgsqlDataSource dataSource)
{
    public Task SyncedAsync(Guid productId, long version, CancellationToken ct) => ExecAsync("""
        UPDATE catalog_sync SET state = 'synced', attempts = 0, error_code = NULL, last_error = NULL,
            batch_handle = NULL, synced_at = now(), updated_at = now()
        WHERE product_id = $1 AND version = $2
        """, ct, productId, version);

    public Task FailedAsync(Guid productId, long version, string code, string? detail, CancellationToken ct) => ExecAsync("""
        UPDATE catalog_sync SET state = 'failed', error_code = $3, last_error = $4, batch_handle = NULL, updated_at = now()
        WHERE product_id = $1 AND version = $2
        """, ct, productId, version, code, Cut(detail));

    /// <summary>In a batch Meta is applying: its status is read after <paramref name="checkAfter"/>.</summary>
    public Task SentAsync(Guid productId, long version, string handle, string method, string retailerId, TimeSpan checkAfter, CancellationToken ct) => ExecAsync("""
        UPDATE catalog_sync SET state = 'sent', batch_handle = $3, sent_method = $4, sent_retailer_id = $5, sent_version = version,
            attempts = 0, error_code = NULL, last_error = NULL, next_attempt_at = now() + $6, updated_at = now()
        WHERE product_id = $1 AND version = $2
        """, ct, productId, version, handle, method, retailerId, checkAfter);

    /// <summary>Accepted without a batch to follow (no handle): what was sent is what Meta holds.</summary>
    public Task AppliedAsync(Guid productId, long version, string method, string retailerId, CancellationToken ct) => ExecAsync("""
        UPDATE catalog_sync SET remote_retailer_id = CASE WHEN $3 = 'DELETE' THEN NULL ELSE $4 END, state = 'synced',
            attempts = 0, error_code = NULL, last_error = NULL, batch_handle = NULL, synced_at = now(), updated_at = now()
        WHERE product_id = $1 AND version = $2
        """, ct, productId, version, method, retailerId);

    /// <summary>A send that got no usable answer: tried again after the backoff, failed after the last attempt.</summary>
    public Task RetryAsync(Guid productId, long version, string detail, TimeSpan delay, int maxAttempts, CancellationToken ct) => ExecAsync("""
        UPDATE catalog_sync SET attempts = attempts + 1, last_error = $3, next_attempt_at = now() + $4,
            state = CASE WHEN attempts + 1 >= $5 THEN 'failed' ELSE 'pending' END,
            error_code = CASE WHEN attempts + 1 >= $5 THEN 'no_answer' ELSE NULL END, updated_at = now()
        WHERE product_id = $1 AND version = $2 AND state = 'pending'
        """, ct, productId, version, Cut(detail), delay, maxAttempts);

    /// <summary>
    /// A finished batch: each product it carried is synced (Meta now holds it under the sent id, or no longer holds it
    /// after a DELETE), or failed with Meta's words. A product changed since it was sent keeps its pending state but
    /// still learns what Meta holds.
    /// </summary>
    public async Task FinishBatchAsync(Guid merchantId, string handle, IReadOnlyDictionary<string, string> errors, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var failedIds = errors.Keys.ToArray();
        await using (var failed = new NpgsqlCommand("""
            UPDATE catalog_sync SET state = CASE WHEN state = 'sent' THEN 'failed' ELSE state END,
                error_code = CASE WHEN state = 'sent' THEN 'meta_rejected' ELSE error_code END,
                last_error = CASE WHEN state = 'sent' THEN ($4::jsonb ->> sent_retailer_id) ELSE last_error END,
                batch_handle = NULL, updated_at = now()
            WHERE merchant_id = $1 AND batch_handle = $2 AND sent_retailer_id = ANY ($3)
            """, conn, tx))
        {
            failed.Parameters.Add(new() { Value = merchantId });
            failed.Parameters.Add(new() { Value = handle });
            failed.Parameters.Add(new() { Value = failedIds });
            failed.Parameters.Add(new() { Value = System.Text.Json.JsonSerializer.Serialize(errors.ToDictionary(e => e.Key, e => Cut(e.Value))), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
            await failed.ExecuteNonQueryAsync(ct);
        }
        await using (var ok = new NpgsqlCommand("""
            UPDATE catalog_sync SET remote_retailer_id = CASE WHEN sent_method = 'DELETE' THEN NULL ELSE sent_retailer_id END,
                state = CASE WHEN state = 'sent' THEN 'synced' ELSE state END,
                synced_at = CASE WHEN state = 'sent' THEN now() ELSE synced_at END,
                attempts = CASE WHEN state = 'sent' THEN 0 ELSE attempts END,
                batch_handle = NULL, updated_at = now()
            WHERE merchant_id = $1 AND batch_handle = $2
            """, conn, tx))
        {
            ok.Parameters.Add(new() { Value = merchantId });
            ok.Parameters.Add(new() { Value = handle });
            await ok.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Meta has not finished the batch yet: read again later; after <paramref name="maxChecks"/> reads (or when Meta
    /// gave the batch up) its products are sent again, which is harmless.
    /// </summary>
    public Task StillRunningAsync(Guid merchantId, string handle, TimeSpan delay, int maxChecks, bool gaveUp, CancellationToken ct) => ExecAsync("""
        UPDATE catalog_sync SET attempts = CASE WHEN $5 OR attempts + 1 >= $4 THEN 0 ELSE attempts + 1 END,
            state = CASE WHEN state = 'sent' AND ($5 OR attempts + 1 >= $4) THEN 'pending' ELSE state END,
            batch_handle = CASE WHEN $5 OR attempts + 1 >= $4 THEN NULL ELSE batch_handle END,
            next_attempt_at = now() + $3, updated_at = now()
        WHERE merchant_id = $1 AND batch_handle = $2
        """, ct, merchantId, handle, delay, maxChecks, gaveUp);

    /// <summary>Meta refused the token: nothing more is sent until the owner saves one again (the page says so).</summary>
    public Task NeedsReconnectAsync(Guid merchantId, string detail, CancellationToken ct) => ExecAsync("""
        UPDATE meta_catalogs SET status = 'needs_reconnect', last_error = $2, updated_at = now() WHERE merchant_id = $1
        """, ct, merchantId, Cut(detail));

    /// <summary>A connection-wide problem (permission, unknown catalog) shown beside the connection form.</summary>
    public Task ConnectionErrorAsync(Guid merchantId, string? detail, CancellationToken ct) => ExecAsync(
        "UPDATE meta_catalogs SET last_error = $2, updated_at = now() WHERE merchant_id = $1", ct, merchantId, Cut(detail));

    public async Task ExecAsync(string sql, CancellationToken ct, params object?[] args)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(new() { Value = a ?? DBNull.Value });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string? Cut(string? s) => s is null || s.Length <= 500 ? s : s[..500];
}
