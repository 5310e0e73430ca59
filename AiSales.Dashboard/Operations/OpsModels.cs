using AiSales.Core.Operations;

namespace AiSales.Dashboard.Operations;

// The operator API's answers (/ops/api, Operations/Api) and what the Operations page shows: one set of types, so the
// page and the API cannot drift apart. Their JSON (camelCase property names) is what operators' scripts read.

/// <summary>
/// Waiting and Scheduled: in the PostgreSQL queues (Scheduled also counts the inbox's own delayed retries). Running:
/// taken from a queue by a node and not finished (Wolverine's inbox). Outgoing: in an outbox, not yet in a queue.
/// </summary>
public sealed record QueueTotals(long Waiting, long Scheduled, long Running, long Dead, long Outgoing);

/// <summary>
/// One lane. Waiting, Scheduled, OldestWaitingSeconds: its PostgreSQL queue. InWorkers, ScheduledInWorkers,
/// OverdueInWorkersSeconds: the Workers' durable local queue of the lane (not yet handled; scheduled; how long past its
/// time the most overdue scheduled one is).
/// </summary>
public sealed record QueueDepthView(string Queue, long Waiting, long Scheduled, double? OldestWaitingSeconds,
    long InWorkers, long ScheduledInWorkers, double? OverdueInWorkersSeconds);

public sealed record QueueTypeStats(string MessageType, long Waiting, long Scheduled, long Dead, double? OldestWaitingSeconds);

public sealed record QueueStats(IReadOnlyList<QueueDepthView> Queues, IReadOnlyList<QueueTypeStats> Types, QueueTotals Totals, DateTimeOffset ReadAt)
{
    public static QueueStats From(QueueStatsRead stats, DateTimeOffset readAt) => new(
        [.. stats.Queues.Select(q => new QueueDepthView(q.Queue, q.Waiting, q.Scheduled, q.OldestWaitingAge?.TotalSeconds,
            q.InWorkers.Held, q.InWorkers.Scheduled, q.InWorkers.OldestOverdue?.TotalSeconds))],
        [.. stats.Types.Select(t => new QueueTypeStats(t.MessageType, t.Waiting, t.Scheduled, t.Dead, t.OldestWaitingAge?.TotalSeconds))],
        new QueueTotals(stats.Queues.Sum(q => q.Waiting), stats.Queues.Sum(q => q.Scheduled) + stats.Store.Scheduled, stats.Store.Running,
            stats.Store.Dead, stats.Store.Outgoing),
        readAt);
}

public sealed record QueueHealthResponse(string Status, IReadOnlyList<string> Reasons, int LiveNodes, double? OldestWaitingSeconds, long DeadLetters);

/// <summary>Dead letters are not deleted by a cleanup: Wolverine expires them itself (<see cref="DeadLetterRetention"/>).</summary>
public sealed record CleanupResult(int DeliveriesDeleted, string DeliveryRetention, string DeadLetterRetention);

/// <summary>
/// <see cref="Id"/> is Wolverine's message id (a dead letter keeps its envelope's id). <see cref="ReplayPending"/>: an
/// operator asked for a replay and Wolverine's durability agent has not yet moved it back to the inbox (the page
/// disables Retry meanwhile).
/// </summary>
public sealed record DeadLetterView(Guid Id, string MessageType, string ExceptionType, string ExceptionMessage,
    int Attempts, DateTimeOffset FailedAt, bool ReplayPending, int ReplayCount, string? ReceivedAt, string Body);

/// <summary>One page of dead letters (Wolverine's first page, newest failure first within it) and how many there are in all.</summary>
public sealed record DeadLetterList(IReadOnlyList<DeadLetterView> Items, int TotalCount);

public sealed record RetriedCount(int Retried);

public sealed record DeliverySummary(long Id, string Platform, string Object, DateTimeOffset ReceivedAt, string Status,
    int? EventCount, string? Error, int Bytes)
{
    /// <summary>Pass as <c>before</c> to list what comes after this delivery.</summary>
    public string Cursor => new DeliveryCursor(ReceivedAt, Id).Encode();
}

/// <summary>A Wolverine node. Description is Wolverine's (the machine name); <see cref="IsSelf"/> marks the answering process.</summary>
public sealed record NodeView(Guid Id, int Number, string Description, DateTimeOffset StartedAt, DateTimeOffset HeartbeatAt,
    double SecondsSinceHeartbeat, bool IsSelf, int ActiveAgents);

public sealed record StatusResponse(string Service, string Version, string Environment, DateTimeOffset StartedAt, double UptimeSeconds,
    IReadOnlyList<NodeView> Nodes, QueueTotals Queue, DeliveryCounts Deliveries, long UnroutableOpen);

public sealed record ReencryptionReport(int Reencrypted, long AlreadyCurrent, int ChangedMeanwhile, int Failed, long StillStale);

public sealed record ConfigReport(bool Ok, IReadOnlyList<ConfigCheck> Checks);
