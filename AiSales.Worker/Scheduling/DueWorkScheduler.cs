using AiSales.Core.Messaging;
using Npgsql;

namespace AiSales.Worker.Scheduling;

/// <summary>
/// Turns rows that database triggers marked as due (an Odoo push, a Conversions API event, a merchant's catalog sync)
/// into jobs on the integrations queue, on a timer. Each tick claims the due rows (<c>queued_at = now()</c>) in the
/// transaction that stores their jobs, so two Workers never queue the same row twice; a job lost with its Worker is
/// queued again once its claim is older than <see cref="RequeueAfter"/>. A timer rather than a trigger-side enqueue: the
/// writers (chat, dashboard, API, staff commands, plain SQL) need to know nothing about the integration.
/// </summary>
/// <typeparam name="TKey">What the claim returns per row (a row id, a merchant id).</typeparam>
public abstract class DueWorkScheduler<TKey>(NpgsqlDataSource dataSource, PostgresOutbox outbox, ILogger logger) : BackgroundService
{
    /// <summary>Said in the logs ("Odoo sync", "Conversions").</summary>
    protected abstract string Name { get; }
    protected abstract bool Enabled { get; }
    protected abstract TimeSpan Interval { get; }
    protected abstract TimeSpan RequeueAfter { get; }

    /// <summary>
    /// Claims the due rows and returns their keys: an UPDATE … SET queued_at = now() … RETURNING over a
    /// FOR UPDATE SKIP LOCKED selection, whose <c>$1</c> is <see cref="RequeueAfter"/>.
    /// </summary>
    protected abstract string ClaimSql { get; }

    protected abstract object JobFor(TKey key);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "{Scheduler} scheduler: queueing failed; next tick retries", Name);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Queues a job for every due row; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var keys = new List<TKey>();
        await using (var cmd = new NpgsqlCommand(ClaimSql, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = RequeueAfter });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) keys.Add(r.GetFieldValue<TKey>(0));
        }
        if (keys.Count == 0) return 0;
        var stored = await outbox.StoreAsync(tx, keys.Select(JobFor).ToList(), ct: ct);
        await tx.CommitAsync(ct);
        await stored.SentAsync();
        logger.LogInformation("{Scheduler} scheduler queued {Count} jobs", Name, keys.Count);
        return keys.Count;
    }
}
