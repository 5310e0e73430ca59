using Microsoft.Extensions.Logging;

namespace AiSales.Core.Operations;

/// <summary>
/// The last queue statistics read, shared by the metrics gauges, the health check and the status page.
/// One read at most every <see cref="MaxAge"/>, however many scrapes or requests arrive: concurrent
/// callers wait on the same refresh instead of each scanning Wolverine's queue tables.
/// </summary>
public sealed class QueueStatsSnapshot(IQueueStatsReader reader, TimeProvider clock, ILogger<QueueStatsSnapshot> logger)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Snapshot? _current;

    public sealed record Snapshot(QueueStatsRead Stats, DateTimeOffset ReadAt);

    /// <summary>Last good snapshot without touching the database (null before the first read). Used by gauges.</summary>
    public Snapshot? Current => _current;

    public async Task<Snapshot> GetAsync(CancellationToken ct = default)
    {
        if (_current is { } fresh && clock.GetUtcNow() - fresh.ReadAt < MaxAge) return fresh;
        await _refresh.WaitAsync(ct);
        try
        {
            if (_current is { } other && clock.GetUtcNow() - other.ReadAt < MaxAge) return other; // someone refreshed meanwhile
            var stats = await reader.ReadAsync(ct).WaitAsync(TimeSpan.FromSeconds(10), ct);
            return _current = new Snapshot(stats, clock.GetUtcNow());
        }
        finally { _refresh.Release(); }
    }

    /// <summary>Background refresh for the gauges; failures keep the previous snapshot.</summary>
    internal async Task TryRefreshAsync(CancellationToken ct)
    {
        try { await GetAsync(ct); }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Reading queue statistics failed; metrics keep the previous snapshot");
        }
    }
}
