using AiSales.Core.Commerce;
using AiSales.Core.Messaging;
using AiSales.Worker.Scheduling;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiSales.Worker.Commerce;

/// <summary>
/// Queues a <see cref="SyncMetaCatalog"/> job for each merchant whose catalog_sync rows are due (a product the trigger
/// marked pending, a retry whose backoff passed, a batch whose status is due a read); the merchant is the claimed row. A
/// merchant waiting for a reconnect is skipped. See <see cref="DueWorkScheduler{TKey}"/>.
/// </summary>
public sealed class CatalogSyncScheduler(NpgsqlDataSource dataSource, PostgresOutbox outbox, IOptions<MetaCatalogOptions> options,
    ILogger<CatalogSyncScheduler> logger) : DueWorkScheduler<Guid>(dataSource, outbox, logger)
{
    protected override string Name => "Catalog sync";
    protected override bool Enabled => options.Value.SchedulerEnabled;
    protected override TimeSpan Interval => options.Value.SchedulerInterval;
    protected override TimeSpan RequeueAfter => options.Value.RequeueAfter;

    protected override string ClaimSql => """
        UPDATE meta_catalogs SET queued_at = now()
        WHERE merchant_id IN (
            SELECT c.merchant_id FROM meta_catalogs c
            WHERE c.status = 'active' AND (c.queued_at IS NULL OR c.queued_at < now() - $1)
              AND EXISTS (SELECT 1 FROM catalog_sync s WHERE s.merchant_id = c.merchant_id AND s.state IN ('pending', 'sent')
                          AND s.next_attempt_at <= now())
            LIMIT 100 FOR UPDATE OF c SKIP LOCKED)
        RETURNING merchant_id
        """;

    protected override object JobFor(Guid merchantId) => new SyncMetaCatalog(merchantId);
}
