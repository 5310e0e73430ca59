using Microsoft.Extensions.Options;

namespace AiSales.Core.Operations;

public sealed record QueueHealthReport(bool Healthy, IReadOnlyList<string> Reasons, int LiveNodes, TimeSpan? OldestWaiting, long DeadLetters);

/// <summary>
/// Judges Wolverine's queues against <see cref="QueueHealthOptions"/>: nobody consuming, stale or piling-up work, too
/// many dead letters.
/// </summary>
public sealed class QueueHealth(QueueStatsSnapshot snapshot, WolverineQueueOperations operations, IOptions<QueueHealthOptions> options, TimeProvider clock)
{
    public async Task<QueueHealthReport> CheckAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        var stats = (await snapshot.GetAsync(ct)).Stats;
        var nodes = await operations.ListNodesAsync(ct).WaitAsync(TimeSpan.FromSeconds(10), ct);
        var now = clock.GetUtcNow();
        // Wolverine's node rows do not say which service a node runs (only the machine name), so "a worker" is any live
        // node other than the process answering: Webhooks itself registers as a node and must not vouch for consumers.
        var live = nodes.Count(n => !n.IsSelf && now - n.HeartbeatAt <= o.NodeHeartbeatTimeout);
        // A lane waits in two places: its PostgreSQL queue (the oldest ready message) and the Workers' local queue (the most
        // overdue scheduled message: a debounced reply whose time has passed and that no Worker has taken).
        var oldest = stats.Queues.SelectMany(q => new[] { q.OldestWaitingAge, q.InWorkers.OldestOverdue })
            .Where(a => a is not null).DefaultIfEmpty(null).Max();
        var dead = stats.Store.Dead;

        var reasons = new List<string>();
        if (oldest > o.MaxOldestWaiting)
        {
            var queues = stats.Queues.Where(q => q.OldestWaitingAge > o.MaxOldestWaiting).Select(q => q.Queue)
                .Concat(stats.Queues.Where(q => q.InWorkers.OldestOverdue > o.MaxOldestWaiting)
                    .Select(q => $"{q.Queue} (scheduled in the Workers, {q.InWorkers.OldestOverdue!.Value.TotalSeconds:0} s overdue)"));
            var types = stats.Types.Where(t => t.OldestWaitingAge > o.MaxOldestWaiting).Select(t => t.MessageType).ToList();
            reasons.Add($"Oldest waiting message is {oldest.Value.TotalSeconds:0} s old (limit {o.MaxOldestWaiting.TotalSeconds:0} s) in {string.Join(", ", queues)}"
                + (types.Count > 0 ? $": {string.Join(", ", types)}." : "."));
        }
        // A backlog in the Workers' local queues is the lane's backlog too (their handlers stopped or cannot keep up).
        if (o.MaxQueueBacklog > 0 && stats.Queues.Where(q => q.Waiting + q.InWorkers.Held >= o.MaxQueueBacklog).ToList() is { Count: > 0 } backlogged)
            reasons.Add($"Queue backlog over {o.MaxQueueBacklog}: {string.Join(", ", backlogged.Select(q => q.InWorkers.Held > 0
                ? $"{q.Queue} {q.Waiting + q.InWorkers.Held} ({q.InWorkers.Held} in the Workers)" : $"{q.Queue} {q.Waiting}"))}.");
        if (o.RequireLiveNode && live == 0)
            reasons.Add($"No worker node heartbeat within {o.NodeHeartbeatTimeout.TotalSeconds:0} s ({nodes.Count(n => !n.IsSelf)} other known nodes).");
        if (o.MaxDeadLetters > 0 && dead >= o.MaxDeadLetters)
            reasons.Add($"{dead} dead letters (limit {o.MaxDeadLetters}).");
        return new QueueHealthReport(reasons.Count == 0, reasons, live, oldest, dead);
    }
}
