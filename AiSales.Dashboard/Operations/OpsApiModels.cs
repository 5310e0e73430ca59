namespace AiSales.Dashboard.Operations;

// The Webhooks service's ops API shapes (AiSales.Webhooks/Apis), read as JSON: the dashboard does not reference that project.
public sealed record QueueDepthView(string Queue, long Waiting, long Scheduled, double? OldestWaitingSeconds);
public sealed record QueueTypeStats(string MessageType, long Waiting, long Scheduled, long Dead, double? OldestWaitingSeconds);
public sealed record QueueTotals(long Waiting, long Scheduled, long Running, long Dead, long Outgoing);
public sealed record QueueStats(IReadOnlyList<QueueDepthView> Queues, IReadOnlyList<QueueTypeStats> Types, QueueTotals Totals, DateTimeOffset ReadAt);
/// <summary>ReplayPending: a replay was asked for and Wolverine has not yet moved the message back (the page disables Retry meanwhile).</summary>
public sealed record DeadLetterView(Guid Id, string MessageType, string ExceptionType, string ExceptionMessage,
    int Attempts, DateTimeOffset FailedAt, bool ReplayPending, int ReplayCount, string? ReceivedAt, string Body);
public sealed record DeliverySummary(long Id, string Platform, string Object, DateTimeOffset ReceivedAt, string Status, int? EventCount, string? Error, int Bytes);
public sealed record UnroutableView(Guid Id, string Platform, string RecipientExternalId, string EventKind, long? DeliveryId,
    DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt);

/// <summary>A call's outcome: the value, or why the Webhooks service could not give it.</summary>
public sealed record OpsResult<T>(T? Value, string? Error)
{
    public bool Ok => Error is null;
}
