using AiSales.Core.Crm.Odoo;
using AiSales.Core.Messaging;
using AiSales.Worker.Scheduling;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiSales.Worker.Crm;

/// <summary>
/// Queues a <see cref="SyncToOdoo"/> job for each odoo_sync row the contact and order triggers marked pending and that is
/// due (first try, or a retry whose backoff passed); see <see cref="DueWorkScheduler{TKey}"/>.
/// </summary>
public sealed class OdooSyncScheduler(NpgsqlDataSource dataSource, PostgresOutbox outbox, IOptions<OdooOptions> options,
    ILogger<OdooSyncScheduler> logger) : DueWorkScheduler<long>(dataSource, outbox, logger)
{
    protected override string Name => "Odoo sync";
    protected override bool Enabled => options.Value.SchedulerEnabled;
    protected override TimeSpan Interval => options.Value.SchedulerInterval;
    protected override TimeSpan RequeueAfter => options.Value.RequeueAfter;

    protected override string ClaimSql => """
        UPDATE odoo_sync SET queued_at = now()
        WHERE id IN (SELECT id FROM odoo_sync
                     WHERE state = 'pending' AND next_attempt_at <= now() AND (queued_at IS NULL OR queued_at < now() - $1)
                     ORDER BY next_attempt_at LIMIT 200 FOR UPDATE SKIP LOCKED)
        RETURNING id
        """;

    protected override object JobFor(long id) => new SyncToOdoo(id);
}
