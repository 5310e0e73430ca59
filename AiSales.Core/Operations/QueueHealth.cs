using Microsoft.Extensions.Options;
using Wolverine.Postgresql;

namespace AiSales.Core.Operations;

public sealed record QueueHealthReport(bool Healthy, IReadOnlyList<string> Reasons, int LiveNodes, TimeSpan? OldestWaiting, long DeadLetters);

/// <summary>Judges the queue against <see cref="QueueHealthOptions"/>: stale work or nobody consuming.</summary>
public sealed class QueueHealth(QueueStatsSnapshot snapshot, IQueueMaintenance maintenance, IOptions<QueueHealthOptions> options, TimeProvider clock)
{
    public async Task<QueueHealthReport> CheckAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        var stats = await snapshot.GetAsync(ct);
        var nodes = await maintenance.ListNodesAsync(ct).WaitAsync(TimeSpan.FromSeconds(10), ct);
        var now = clock.GetUtcNow();
        var live = nodes.Count(n => now - n.HeartbeatAt <= o.NodeHeartbeatTimeout);
        var oldest = stats.Types.Select(t => t.OldestWaitingAge).Where(a => a is not null).DefaultIfEmpty(null).Max();
        var dead = stats.Types.Sum(t => t.Dead);

        var reasons = new List<string>();
        if (oldest > o.MaxOldestWaiting)
        {
            var worst = stats.Types.Where(t => t.OldestWaitingAge > o.MaxOldestWaiting).Select(t => t.MessageType);
            reasons.Add($"Oldest waiting message is {oldest.Value.TotalSeconds:0} s old (limit {o.MaxOldestWaiting.TotalSeconds:0} s): {string.Join(", ", worst)}.");
        }
        if (o.RequireLiveNode && live == 0)
            reasons.Add($"No worker node heartbeat within {o.NodeHeartbeatTimeout.TotalSeconds:0} s ({nodes.Count} known nodes).");
        if (o.MaxDeadLetters > 0 && dead >= o.MaxDeadLetters)
            reasons.Add($"{dead} dead letters (limit {o.MaxDeadLetters}).");
        return new QueueHealthReport(reasons.Count == 0, reasons, live, oldest, dead);
    }
}
