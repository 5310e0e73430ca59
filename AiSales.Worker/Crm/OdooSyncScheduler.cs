using AiSales.Core.Crm.Odoo;
using AiSales.Core.Messaging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiSales.Worker.Crm;

/// <summary>
/// Turns odoo_sync rows that triggers marked pending (and that are due: first try, or a retry whose backoff passed)
/// into <see cref="SyncToOdoo"/> jobs on the integrations queue. The rows are claimed (queued_at) in the transaction
/// that stores the jobs, so two Workers never queue the same row twice; a job lost with its Worker is queued again
/// after <see cref="OdooOptions.RequeueAfter"/>. A timer rather than a trigger-side enqueue: the contact and order
/// writers (chat, dashboard, API, staff commands, lead ads' plain SQL) need to know nothing about Odoo.
/// </summary>
public sealed class OdooSyncScheduler(NpgsqlDataSource dataSource, PostgresOutbox outbox, IOptions<OdooOptions> options,
    ILogger<OdooSyncScheduler> logger) : BackgroundService
{
    private const string DueSql = """
        UPDATE odoo_sync SET queued_at = now()
        WHERE id IN (SELECT id FROM odoo_sync
                     WHERE state = 'pending' AND next_attempt_at <= now() AND (queued_at IS NULL OR queued_at < now() - $1)
                     ORDER BY next_attempt_at LIMIT 200 FOR UPDATE SKIP LOCKED)
        RETURNING id
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
                logger.LogWarning(e, "Odoo sync scheduler: queueing failed; next tick retries");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Queues every due row; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var ids = new List<long>();
        await using (var cmd = new NpgsqlCommand(DueSql, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = options.Value.RequeueAfter });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) ids.Add(r.GetInt64(0));
        }
        if (ids.Count == 0) return 0;
        var stored = await outbox.StoreAsync(tx, ids.Select(id => (object)new SyncToOdoo(id)).ToList(), ct: ct);
        await tx.CommitAsync(ct);
        await stored.SentAsync();
        logger.LogInformation("Odoo sync scheduler queued {Count} jobs", ids.Count);
        return ids.Count;
    }
}
