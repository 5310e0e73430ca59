namespace Wolverine.Postgresql;

/// <summary>A job about to be inserted (already serialised).</summary>
internal sealed record OutgoingJob(
    Guid Id, string MessageType, string? Handler, string Body, string Headers, int Priority,
    TimeSpan Delay, int MaxAttempts, string? DedupKey, Envelope Envelope);

/// <summary>A job leased by this node.</summary>
internal sealed record LeasedJob(
    Guid Id, string MessageType, string? Handler, string Body, string Headers, int Priority,
    DateTime RunAt, int Attempts, int MaxAttempts, int LeaseExpiries = 0)
{
    /// <summary>A job inserted already leased to this node (see <see cref="Runtime.LocalContinuations"/>): attempt 1, as a fetch would charge.</summary>
    public static LeasedJob ClaimedAtInsert(OutgoingJob job) =>
        new(job.Id, job.MessageType, job.Handler, job.Body, job.Headers, job.Priority, DateTime.UtcNow, 1, job.MaxAttempts);
}
