using AiSales.Core.Commerce;
using AiSales.Core.Sending.Transports;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiSales.Worker.Commerce;

/// <summary>
/// Brings one merchant's Meta catalog up to date: first reads the status of batches Meta is applying (products become
/// synced, or failed with Meta's words), then sends every product due in items_batch calls, each product's desired state
/// computed now (<see cref="CatalogItemPlan"/>). Safe to run twice, concurrently or after a crash: a lease on the
/// merchant's meta_catalogs row lets one run at a time, and every request is an UPDATE or DELETE by retailer id, so
/// sending the same state again changes nothing. No answer or a throttle: the product is tried again with backoff and
/// failed after <see cref="MetaCatalogOptions.MaxAttempts"/>; a refused token stops the merchant's sync in a visible
/// "reconnect" state; a permanent refusal fails the products with the reason.
/// </summary>
public sealed class CatalogSyncJob(NpgsqlDataSource dataSource, MetaCatalogTokens tokens, MetaCatalogClient meta, CatalogSyncRows rows,
    IOptions<MetaCatalogOptions> options, ILogger<CatalogSyncJob> logger)
{
    private const string DueSql = """
        SELECT s.product_id, s.version, s.remote_retailer_id,
               p.id, p.sku, p.name_ar, p.name_en, p.description, p.price_iqd, p.stock, p.image_url, p.active, p.deleted_at IS NOT NULL, s.attempts
        FROM catalog_sync s LEFT JOIN products p ON p.id = s.product_id AND p.merchant_id = s.merchant_id
        WHERE s.merchant_id = $1 AND s.state = 'pending' AND s.next_attempt_at <= now()
        ORDER BY s.next_attempt_at LIMIT $2
        """;

    public async Task RunAsync(Guid merchantId, CancellationToken ct)
    {
        var o = options.Value;
        await using (var claim = dataSource.CreateCommand("""
            UPDATE meta_catalogs SET locked_until = now() + $2
            WHERE merchant_id = $1 AND status = 'active' AND (locked_until IS NULL OR locked_until < now())
            """))
        {
            claim.Parameters.Add(new() { Value = merchantId });
            claim.Parameters.Add(new() { Value = o.RequeueAfter });
            if (await claim.ExecuteNonQueryAsync(ct) == 0)
            {
                logger.LogInformation("Catalog sync of merchant {MerchantId}: not connected, waiting for a reconnect, or another job holds it", merchantId);
                return;
            }
        }
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["MerchantId"] = merchantId });
        try
        {
            var connection = await tokens.LoadAsync(merchantId, ct);
            if (connection is null) return;
            if (connection.Token is null)
            {
                await rows.NeedsReconnectAsync(merchantId, "No usable access token is stored for the catalog.", ct);
                logger.LogWarning("Catalog sync of merchant {MerchantId}: no usable token; needs a reconnect", merchantId);
                return;
            }
            if (!await CheckBatchesAsync(connection, ct)) return;
            await SendDueAsync(connection, ct);
        }
        finally
        {
            await rows.ExecAsync("UPDATE meta_catalogs SET locked_until = NULL, queued_at = NULL WHERE merchant_id = $1", CancellationToken.None, merchantId);
        }
    }

    /// <returns>False when the token was refused (nothing more to do now).</returns>
    private async Task<bool> CheckBatchesAsync(MetaCatalogConnection c, CancellationToken ct)
    {
        var o = options.Value;
        var handles = new List<string>();
        await using (var cmd = dataSource.CreateCommand("""
            SELECT DISTINCT batch_handle FROM catalog_sync
            WHERE merchant_id = $1 AND state = 'sent' AND batch_handle IS NOT NULL AND next_attempt_at <= now()
            """))
        {
            cmd.Parameters.Add(new() { Value = c.MerchantId });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) handles.Add(r.GetString(0));
        }
        foreach (var handle in handles)
        {
            var status = await meta.CheckBatchAsync(c.CatalogId, c.Token!, handle, ct);
            if (status.Failure is { Outcome: SendOutcome.WaitForReconnect } refused)
            {
                await rows.NeedsReconnectAsync(c.MerchantId, refused.Message, ct);
                logger.LogWarning("Catalog sync: Meta refused the token while reading batch status; needs a reconnect");
                return false;
            }
            if (status.Value is { Finished: true } done)
            {
                await rows.FinishBatchAsync(c.MerchantId, handle, done.Errors, ct);
                logger.LogInformation("Catalog batch {BatchHandle} finished with {ErrorCount} item errors", handle, done.Errors.Count);
                continue;
            }
            // Still running, given up by Meta, or the read failed: read again later or send its products again.
            await rows.StillRunningAsync(c.MerchantId, handle, o.StatusCheckDelay, o.MaxStatusChecks, status.Value?.Abandoned == true, ct);
            logger.LogInformation("Catalog batch {BatchHandle}: {Status}", handle, status.Value?.Status ?? status.Failure!.ErrorCode);
        }
        return true;
    }

    private async Task SendDueAsync(MetaCatalogConnection c, CancellationToken ct)
    {
        var o = options.Value;
        var due = await LoadDueAsync(c.MerchantId, o.BatchSize, ct);
        var toSend = new List<(DueRow Row, CatalogItemPlan.Plan Plan)>();
        foreach (var row in due)
        {
            var plan = CatalogItemPlan.For(row.Product, row.RemoteRetailerId, c.Shop);
            if (plan.SkipReason is { } reason) await rows.FailedAsync(row.ProductId, row.Version, reason, null, ct);
            else if (plan.Requests.Count == 0) await rows.SyncedAsync(row.ProductId, row.Version, ct);
            else toSend.Add((row, plan));
        }
        // Chunks of at most BatchSize requests (a changed SKU is two: DELETE the old id, UPDATE the new).
        var chunk = new List<(DueRow Row, CatalogItemPlan.Plan Plan)>();
        var count = 0;
        foreach (var item in toSend)
        {
            if (count + item.Plan.Requests.Count > o.BatchSize && chunk.Count > 0)
            {
                if (!await SendChunkAsync(c, chunk, ct)) return;
                (chunk, count) = ([], 0);
            }
            chunk.Add(item);
            count += item.Plan.Requests.Count;
        }
        if (chunk.Count > 0) await SendChunkAsync(c, chunk, ct);
    }

    /// <returns>False when the send failed: the later chunks wait for the next run.</returns>
    private async Task<bool> SendChunkAsync(MetaCatalogConnection c, List<(DueRow Row, CatalogItemPlan.Plan Plan)> chunk, CancellationToken ct)
    {
        var o = options.Value;
        var sent = await meta.SendBatchAsync(c.CatalogId, c.Token!, [.. chunk.SelectMany(x => x.Plan.Requests)], ct);
        if (sent.Value is { } batch)
        {
            foreach (var (row, plan) in chunk)
            {
                if (batch.Rejected.TryGetValue(plan.SentRetailerId!, out var why))
                    await rows.FailedAsync(row.ProductId, row.Version, CatalogSyncErrors.Rejected, why, ct);
                else if (batch.Handle is { } handle)
                    await rows.SentAsync(row.ProductId, row.Version, handle, plan.Method!, plan.SentRetailerId!, o.StatusCheckDelay, ct);
                else
                    await rows.AppliedAsync(row.ProductId, row.Version, plan.Method!, plan.SentRetailerId!, ct);
            }
            logger.LogInformation("Catalog batch {BatchHandle} sent: {ProductCount} products, {RejectedCount} refused at once",
                batch.Handle, chunk.Count, batch.Rejected.Count);
            return true;
        }
        var failure = sent.Failure!;
        switch (failure.Outcome)
        {
            case SendOutcome.RetryLater:
                foreach (var (row, _) in chunk)
                    await rows.RetryAsync(row.ProductId, row.Version, failure.Message, o.RetryDelay(row.Attempts + 1, failure.RetryAfter), o.MaxAttempts, ct);
                logger.LogWarning("Catalog batch of {ProductCount} products not applied ({Code}); tried again later", chunk.Count, failure.ErrorCode);
                return false;
            case SendOutcome.WaitForReconnect:
                await rows.NeedsReconnectAsync(c.MerchantId, failure.Message, ct);
                foreach (var (row, _) in chunk) await rows.FailedAsync(row.ProductId, row.Version, CatalogSyncErrors.Token, failure.Message, ct);
                logger.LogWarning("Catalog sync: Meta refused the token; the merchant must reconnect");
                return false;
            default:
                if (failure.ErrorCode is CatalogSyncErrors.Permission or CatalogSyncErrors.CatalogMissing)
                    await rows.ConnectionErrorAsync(c.MerchantId, failure.Message, ct);
                foreach (var (row, _) in chunk) await rows.FailedAsync(row.ProductId, row.Version, failure.ErrorCode, failure.Message, ct);
                logger.LogWarning("Catalog batch of {ProductCount} products refused for good ({Code})", chunk.Count, failure.ErrorCode);
                return false;
        }
    }

    private async Task<List<DueRow>> LoadDueAsync(Guid merchantId, int limit, CancellationToken ct)
    {
        var list = new List<DueRow>();
        await using var cmd = dataSource.CreateCommand(DueSql);
        cmd.Parameters.Add(new() { Value = merchantId });
        cmd.Parameters.Add(new() { Value = limit });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
            var product = r.IsDBNull(3) ? null : new CatalogProduct(r.GetGuid(3), r.GetString(4), r.GetString(5), Text(6), Text(7),
                r.GetInt64(8), r.GetInt32(9), Text(10), r.GetBoolean(11), r.GetBoolean(12));
            list.Add(new DueRow(r.GetGuid(0), r.GetInt64(1), Text(2), product, r.GetInt32(13)));
        }
        return list;
    }

    private sealed record DueRow(Guid ProductId, long Version, string? RemoteRetailerId, CatalogProduct? Product, int Attempts);
}
