namespace Wolverine.Postgresql;

/// <summary>A job about to be inserted (already serialised).</summary>
internal sealed record OutgoingJob(
    Guid Id, string MessageType, string? Handler, string Body, string Headers, int Priority,
    TimeSpan Delay, int MaxAttempts, string? DedupKey, Envelope Envelope);

/// <summary>A job leased by this node.</summary>
internal sealed record LeasedJob(
    Guid Id, string MessageType, string? Handler, string Body, string Headers, int Priority,
    DateTime RunAt, int Attempts, int MaxAttempts);
