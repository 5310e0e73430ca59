namespace AiSales.Core.Sending;

/// <summary>
/// A seam for crash tests: runs right after the provider answered and before the ledger records the answer —
/// the exact window where a process death leaves a "sending" row behind. Production registers this no-op;
/// tests replace it with one that throws, to prove a redelivered job does not send twice.
/// </summary>
public class SendFaultInjection
{
    public virtual void AfterProviderCall(Guid messageId)
    {
    }
}
