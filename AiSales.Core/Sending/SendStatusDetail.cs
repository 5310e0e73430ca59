namespace AiSales.Core.Sending;

/// <summary>The status_detail texts the send pipeline writes on a message (the dashboard shows them as is).</summary>
public static class SendStatusDetail
{
    public const string Sending = "sending";
    public const string RateLimited = "queued: rate limit";
    public const string WaitingReconnect = "waiting: channel needs reconnect";
    public const string OutcomeUnknown = "sending: outcome unknown, waiting for the platform's confirmation";
    public const string UnknownGaveUp = "unknown outcome — not resent to avoid a duplicate";
    public const string SentHumanAgent = "sent with the HUMAN_AGENT tag";

    public const string RetriedByOperator = "queued: retried by an operator";

    /// <summary>Shown to the merchant: no exception text (it can carry hosts or internals), only what happened and what can be done.</summary>
    public static string DeadLettered(int attempts) =>
        $"failed: not sent after {attempts} attempts because of a system error; nothing reached the customer and support can retry it";

    // The dashboard tells these classes apart by their start (SendFailureText) to explain them in the merchant's language.
    public const string RetryingPrefix = "retrying: ";
    public const string OutsideWindowPrefix = "outside window: ";
    public const string GaveUpPrefix = "failed after ";

    public static string Retrying(string? reason) => RetryingPrefix + (reason ?? "temporary platform error");

    public static string OutsideWindow(string reason) => OutsideWindowPrefix + reason;

    /// <summary>Temporary errors until the attempts ran out.</summary>
    public static string GaveUp(int attempts, string? reason) => $"{GaveUpPrefix}{attempts} attempts: {reason ?? "temporary platform error"}";
}
