using System.ComponentModel.DataAnnotations;

namespace AiSales.Core.Sending;

/// <summary>Configuration section <c>Sending</c>: how the SendMessage pipeline retries and reconciles.</summary>
public sealed class SendingOptions : IValidatableObject
{
    public const string SectionName = "Sending";

    /// <summary>Provider calls per message before a retryable failure becomes final (rate-limit waits and reconnect parking do not count).</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before retry n (the last entry repeats) when the platform gave no Retry-After.</summary>
    /// Empty = the defaults (5 s, 30 s, 2 min, 10 min). Lists start empty because the configuration binder appends
    /// to a pre-filled list instead of replacing it.
    public List<TimeSpan> RetryBackoff { get; set; } = [];

    /// <summary>
    /// Checks after a send whose outcome is unknown (crash or timeout after the request left). Each check looks
    /// for the echo / status webhook that settles the ledger; after the last one the message is failed, never resent.
    /// </summary>
    /// Empty = the defaults (5 s, 30 s, 2 min).
    public List<TimeSpan> ReconcileDelays { get; set; } = [];

    public static readonly IReadOnlyList<TimeSpan> DefaultRetryBackoff = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)];
    public static readonly IReadOnlyList<TimeSpan> DefaultReconcileDelays = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)];

    public IReadOnlyList<TimeSpan> EffectiveReconcileDelays => ReconcileDelays.Count > 0 ? ReconcileDelays : DefaultReconcileDelays;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A zero or negative wait would retry at once, hammering a platform that just asked us to slow down.
        if (RetryBackoff.Any(d => d <= TimeSpan.Zero))
            yield return new ValidationResult("every wait must be positive", [nameof(RetryBackoff)]);
        if (ReconcileDelays.Any(d => d <= TimeSpan.Zero))
            yield return new ValidationResult("every wait must be positive", [nameof(ReconcileDelays)]);
    }

    public TimeSpan BackoffFor(int attempt)
    {
        IReadOnlyList<TimeSpan> backoff = RetryBackoff.Count > 0 ? RetryBackoff : DefaultRetryBackoff;
        return backoff[Math.Clamp(attempt - 1, 0, backoff.Count - 1)];
    }
}
