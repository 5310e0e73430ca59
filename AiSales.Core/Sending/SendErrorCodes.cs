namespace AiSales.Core.Sending;

/// <summary>Our own codes in outbound_sends.last_error_code / messages.error_code (the platform's codes are "code/subcode").</summary>
public static class SendErrorCodes
{
    /// <summary>
    /// The SendMessage job failed on its last attempt before any provider call (ledger was pending) and went to the
    /// dead letters. Nothing reached the platform, so an operator's replay of that dead letter may send it again.
    /// </summary>
    public const string DeadLettered = "dead_lettered";

    /// <summary>The request may have reached the platform; never resent (see docs/sending.md).</summary>
    public const string OutcomeUnknown = "outcome_unknown";
}
