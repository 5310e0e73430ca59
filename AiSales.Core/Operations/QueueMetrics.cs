using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;

namespace AiSales.Core.Operations;

/// <summary>
/// Meter "AiSales.Queue", from Wolverine's queues and message store: depth per queue and state, oldest waiting age per
/// queue, the store's messages per state, dead letters per message type. The gauges read the cached snapshot only; a
/// background loop refreshes it every few seconds, so a scrape storm never becomes a query storm.
/// </summary>
public sealed class QueueMetrics : IHostedService, IDisposable
{
    public const string MeterName = "AiSales.Queue";

    private readonly QueueStatsSnapshot _snapshot;
    private readonly Meter _meter;
    private CancellationTokenSource? _stop;
    private Task? _loop;

    public QueueMetrics(QueueStatsSnapshot snapshot, IMeterFactory meters)
    {
        _snapshot = snapshot;
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge("aisales.queue.depth", Depth, unit: "{message}",
            description: "Messages in each lane: its PostgreSQL queue, ready (waiting) or scheduled for later (scheduled); the Workers' local queue, not yet handled (in_workers) or scheduled (scheduled_in_workers).");
        _meter.CreateObservableGauge("aisales.queue.oldest_waiting_age", OldestAge, unit: "s",
            description: "Age of the oldest message ready in each queue (0 when empty).");
        _meter.CreateObservableGauge("aisales.queue.overdue_in_workers", OverdueInWorkers, unit: "s",
            description: "How long past its time the most overdue scheduled message in each lane's Workers' local queue is (0 when none).");
        _meter.CreateObservableGauge("aisales.queue.store", Store, unit: "{message}",
            description: "Wolverine's message store: running (taken from a queue, not finished), scheduled (inbox), outgoing (outbox), dead.");
        _meter.CreateObservableGauge("aisales.queue.dead_letters", DeadLetters, unit: "{message}",
            description: "Dead letters per message type.");
    }

    private IEnumerable<Measurement<long>> Depth()
    {
        if (_snapshot.Current is not { } s) yield break;
        foreach (var q in s.Stats.Queues)
        {
            yield return new(q.Waiting, Tag("queue", q.Queue), Tag("state", "waiting"));
            yield return new(q.Scheduled, Tag("queue", q.Queue), Tag("state", "scheduled"));
            yield return new(q.InWorkers.Held, Tag("queue", q.Queue), Tag("state", "in_workers"));
            yield return new(q.InWorkers.Scheduled, Tag("queue", q.Queue), Tag("state", "scheduled_in_workers"));
        }
    }

    private IEnumerable<Measurement<double>> OldestAge()
    {
        if (_snapshot.Current is not { } s) yield break;
        foreach (var q in s.Stats.Queues)
            yield return new(q.OldestWaitingAge?.TotalSeconds ?? 0, Tag("queue", q.Queue));
    }

    private IEnumerable<Measurement<double>> OverdueInWorkers()
    {
        if (_snapshot.Current is not { } s) yield break;
        foreach (var q in s.Stats.Queues)
            yield return new(q.InWorkers.OldestOverdue?.TotalSeconds ?? 0, Tag("queue", q.Queue));
    }

    private IEnumerable<Measurement<long>> Store()
    {
        if (_snapshot.Current is not { } s) yield break;
        var c = s.Stats.Store;
        yield return new(c.Running, Tag("state", "running"));
        yield return new(c.Scheduled, Tag("state", "scheduled"));
        yield return new(c.Outgoing, Tag("state", "outgoing"));
        yield return new(c.Dead, Tag("state", "dead"));
    }

    private IEnumerable<Measurement<long>> DeadLetters()
    {
        if (_snapshot.Current is not { } s) yield break;
        foreach (var t in s.Stats.Types.Where(t => t.Dead > 0))
            yield return new(t.Dead, Tag("message.type", t.MessageType));
    }

    private static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);

    public Task StartAsync(CancellationToken ct)
    {
        _stop = new CancellationTokenSource();
        _loop = Task.Run(() => RefreshLoopAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task RefreshLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(QueueStatsSnapshot.MaxAge);
        try
        {
            do await _snapshot.TryRefreshAsync(ct);
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (_stop is null) return;
        await _stop.CancelAsync();
        if (_loop is not null) await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose()
    {
        _stop?.Dispose();
        _meter.Dispose();
    }
}
