using AiSales.Core.Conversions;
using AiSales.Core.Messaging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiSales.Worker.Conversions;

/// <summary>
/// Turns capi_events rows that the orders trigger marked (and that are due: first try, or a retry whose backoff
/// passed) into <see cref="SendConversionEvent"/> jobs on the integrations queue, as the Odoo scheduler does for its
/// rows: claimed (queued_at) in the transaction that stores the jobs, so two Workers never queue one row twice; a job
/// lost with its Worker is queued again after <see cref="ConversionsOptions.RequeueAfter"/>. The order writers (chat,
/// dashboard, staff WhatsApp, Odoo, API) need to know nothing about Meta.
/// </summary>
public sealed class ConversionsScheduler(NpgsqlDataSource dataSource, PostgresOutbox outbox, IOptions<ConversionsOptions> options,
    ILogger<ConversionsScheduler> logger) : BackgroundService
{
    private const string DueSql = """
        UPDATE capi_events SET queued_at = now()
        WHERE id IN (SELECT id FROM capi_events
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
                logger.LogWarning(e, "Conversions scheduler: queueing failed; next tick retries");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Queues every due event; returns how many.</summary>
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
        var stored = await outbox.StoreAsync(tx, ids.Select(id => (object)new SendConversionEvent(id)).ToList(), ct: ct);
        await tx.CommitAsync(ct);
        await stored.SentAsync();
        logger.LogInformation("Conversions scheduler queued {Count} events", ids.Count);
        return ids.Count;
    }
}
