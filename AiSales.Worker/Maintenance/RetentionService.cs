using AiSales.Core.Operations;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiSales.Worker.Maintenance;

/// <summary>
/// Deletes processed webhook deliveries and old dedupe rows past the retention, in bounded batches with a
/// pause between them so it never competes with live traffic for long. A timer rather than a queue job:
/// it needs no durability (a missed run just happens next interval) and must not occupy a queue worker.
/// Several Worker replicas may run it at once; the batches are idempotent deletes, so that is harmless.
/// </summary>
public sealed class RetentionService(NpgsqlDataSource dataSource, IOptions<RetentionOptions> options, TimeProvider time,
    ILogger<RetentionService> logger) : BackgroundService
{
    private const string DeliveriesSql = """
        DELETE FROM webhook_deliveries WHERE id IN (
            SELECT id FROM webhook_deliveries
            WHERE status = 'processed' AND received_at < now() - make_interval(days => $1)
            ORDER BY received_at LIMIT $2)
        """;

    private const string EventsSql = """
        DELETE FROM processed_events WHERE (platform, event_key) IN (
            SELECT platform, event_key FROM processed_events
            WHERE first_seen_at < now() - make_interval(days => $1)
            ORDER BY first_seen_at LIMIT $2)
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Retention run failed; trying again next interval");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One full pass; returns (deliveries, events) deleted.</summary>
    public async Task<(long Deliveries, long Events)> RunOnceAsync(CancellationToken ct)
    {
        var deliveries = await DeleteInBatchesAsync(DeliveriesSql, ct);
        var events = await DeleteInBatchesAsync(EventsSql, ct);
        if (deliveries + events > 0)
            logger.LogInformation("Retention deleted {Deliveries} webhook deliveries and {Events} processed events older than {Days} days",
                deliveries, events, options.Value.Days);
        return (deliveries, events);
    }

    private async Task<long> DeleteInBatchesAsync(string sql, CancellationToken ct)
    {
        var opts = options.Value;
        long total = 0;
        while (true)
        {
            await using var cmd = dataSource.CreateCommand(sql);
            cmd.CommandTimeout = 60;
            cmd.Parameters.Add(new NpgsqlParameter { Value = opts.Days });
            cmd.Parameters.Add(new NpgsqlParameter { Value = opts.BatchSize });
            var deleted = await cmd.ExecuteNonQueryAsync(ct);
            total += deleted;
            if (deleted < opts.BatchSize) return total;
            await Task.Delay(TimeSpan.FromMilliseconds(200), time, ct);
        }
    }
}
