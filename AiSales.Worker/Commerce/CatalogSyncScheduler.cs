using AiSales.Core.Commerce;
using AiSales.Core.Messaging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiSales.Worker.Commerce;

/// <summary>
/// Turns merchants whose catalog_sync rows are due (a product the trigger marked pending, a retry whose backoff passed,
/// a batch whose status is due a read) into <see cref="SyncMetaCatalog"/> jobs on the integrations queue. The merchant is
/// claimed (queued_at) in the transaction that stores the job, so two Workers never queue it twice; a job lost with its
/// Worker is queued again after <see cref="MetaCatalogOptions.RequeueAfter"/>. A merchant waiting for a reconnect is
/// skipped. A timer rather than a trigger-side enqueue: the product writers need to know nothing about Meta.
/// </summary>
public sealed class CatalogSyncScheduler(NpgsqlDataSource dataSource, PostgresOutbox outbox, IOptions<MetaCatalogOptions> options,
    ILogger<CatalogSyncScheduler> logger) : BackgroundService
{
    private const string DueSql = """
        UPDATE meta_catalogs SET queued_at = now()
        WHERE merchant_id IN (
            SELECT c.merchant_id FROM meta_catalogs c
            WHERE c.status = 'active' AND (c.queued_at IS NULL OR c.queued_at < now() - $1)
              AND EXISTS (SELECT 1 FROM catalog_sync s WHERE s.merchant_id = c.merchant_id AND s.state IN ('pending', 'sent')
                          AND s.next_attempt_at <= now())
            LIMIT 100 FOR UPDATE OF c SKIP LOCKED)
        RETURNING merchant_id
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SchedulerEnabled) return;
        using var timer = new PeriodicTimer(options.Value.SchedulerInterval);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Catalog sync scheduler: queueing failed; next tick retries");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Queues a job for every merchant with due work; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var merchants = new List<Guid>();
        await using (var cmd = new NpgsqlCommand(DueSql, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = options.Value.RequeueAfter });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) merchants.Add(r.GetGuid(0));
        }
        if (merchants.Count == 0) return 0;
        var stored = await outbox.StoreAsync(tx, merchants.Select(m => (object)new SyncMetaCatalog(m)).ToList(), ct: ct);
        await tx.CommitAsync(ct);
        await stored.SentAsync();
        logger.LogInformation("Catalog sync scheduler queued {Count} merchants", merchants.Count);
        return merchants.Count;
    }
}
