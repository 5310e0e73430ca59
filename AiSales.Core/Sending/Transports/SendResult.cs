namespace AiSales.Core.Sending.Transports;

public enum SendOutcome
{
    /// <summary>The platform accepted the message (for WhatsApp: accepted, not yet delivered).</summary>
    Sent,

    /// <summary>Transient: rate limit, server error, timeout. Reschedule after <see cref="SendResult.RetryAfter"/>.</summary>
    RetryLater,

    /// <summary>The token is invalid or expired (Graph 190): mark the channel "needs reconnect", keep the message queued.</summary>
    WaitForReconnect,

    /// <summary>The messaging window is closed: needs HUMAN_AGENT (Messenger/IG) or a template (WhatsApp).</summary>
    OutsideWindow,

    /// <summary>Permanent: retrying the same request cannot succeed.</summary>
    Failed,
}

/// <summary>
/// What happened to one send. <see cref="ErrorMessage"/> is safe to show the merchant (the token is
/// scrubbed). <see cref="OutcomeUnknown"/> is true when the request may have reached the platform but
/// no answer came back (timeout, connection dropped mid-request): the message may or may not have gone
/// out, so the ledger must reconcile through the echo/status webhook before sending it again.
/// </summary>
public sealed record SendResult(
    SendOutcome Outcome,
    string? ExternalMessageId = null,
    int? ErrorCode = null,
    int? ErrorSubcode = null,
    string? ErrorMessage = null,
    TimeSpan? RetryAfter = null,
    bool OutcomeUnknown = false,
    int? HttpStatus = null,
    string? TraceId = null)
{
    public static SendResult Sent(string? externalMessageId) => new(SendOutcome.Sent, externalMessageId);

    public static SendResult Failed(string message, int? code = null) => new(SendOutcome.Failed, ErrorCode: code, ErrorMessage: message);
}
