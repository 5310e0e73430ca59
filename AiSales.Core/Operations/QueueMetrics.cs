using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;

namespace AiSales.Core.Operations;

/// <summary>
/// Meter "AiSales.Queue": depth per message type and state, oldest waiting age per type. The gauges
/// read the cached snapshot only; a background loop refreshes it every few seconds, so a scrape storm
/// never becomes a query storm.
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
            description: "Messages per type and state (waiting, scheduled, running, dead).");
        _meter.CreateObservableGauge("aisales.queue.oldest_waiting_age", OldestAge, unit: "s",
            description: "Age of the oldest message ready to run, per type.");
    }

    private IEnumerable<Measurement<long>> Depth()
    {
        if (_snapshot.Current is not { } s) yield break;
        foreach (var t in s.Types)
        {
            yield return Point(t.Waiting, t.MessageType, "waiting");
            yield return Point(t.Scheduled, t.MessageType, "scheduled");
            yield return Point(t.Running, t.MessageType, "running");
            yield return Point(t.Dead, t.MessageType, "dead");
        }
    }

    private static Measurement<long> Point(long value, string type, string state) =>
        new(value, new KeyValuePair<string, object?>("message.type", type), new KeyValuePair<string, object?>("state", state));

    private IEnumerable<Measurement<double>> OldestAge()
    {
        if (_snapshot.Current is not { } s) yield break;
        foreach (var t in s.Types)
            yield return new(t.OldestWaitingAge?.TotalSeconds ?? 0, new KeyValuePair<string, object?>("message.type", t.MessageType));
    }

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
