namespace Wolverine;

/// <summary>Per-send overrides: when to run, how urgent, and a debounce key.</summary>
public sealed class DeliveryOptions
{
    /// <summary>Run no earlier than this long from now.</summary>
    public TimeSpan? ScheduleDelay { get; set; }

    /// <summary>Run no earlier than this instant (wins over <see cref="ScheduleDelay"/>).</summary>
    public DateTimeOffset? ScheduledTime { get; set; }

    /// <summary>Higher runs first; overrides the message type's configured priority.</summary>
    public int? Priority { get; set; }

    /// <summary>
    /// While a waiting job with the same key exists, a new send replaces its body, headers and run time
    /// (debounce). The key is released as soon as the job starts running.
    /// </summary>
    public string? DeduplicationId { get; set; }

    public Dictionary<string, string?> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    internal TimeSpan DelayFrom(DateTimeOffset now) =>
        ScheduledTime is { } at ? (at > now ? at - now : TimeSpan.Zero)
        : ScheduleDelay is { } d && d > TimeSpan.Zero ? d : TimeSpan.Zero;
}
