namespace AiSales.Core.Sending;

/// <summary>Configuration section <c>Sending</c>: how the SendMessage pipeline retries and reconciles.</summary>
public sealed class SendingOptions
{
    public const string SectionName = "Sending";

    /// <summary>Provider calls per message before a retryable failure becomes final (rate-limit waits and reconnect parking do not count).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before retry n (the last entry repeats) when the platform gave no Retry-After.</summary>
    public List<TimeSpan> RetryBackoff { get; set; } = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)];

    /// <summary>
    /// Checks after a send whose outcome is unknown (crash or timeout after the request left). Each check looks
    /// for the echo / status webhook that settles the ledger; after the last one the message is failed, never resent.
    /// </summary>
    public List<TimeSpan> ReconcileDelays { get; set; } = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)];

    public TimeSpan BackoffFor(int attempt) =>
        RetryBackoff.Count == 0 ? TimeSpan.FromSeconds(30) : RetryBackoff[Math.Clamp(attempt - 1, 0, RetryBackoff.Count - 1)];
}
