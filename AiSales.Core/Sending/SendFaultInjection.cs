namespace AiSales.Core.Sending;

/// <summary>
/// Seams for failure tests. <see cref="AfterProviderCall"/> runs right after the provider answered and before the ledger records the answer —
/// the exact window where a process death leaves a "sending" row behind. Production registers these no-ops;
/// tests replace them with ones that throw, to prove a redelivered job does not send twice.
/// </summary>
public class SendFaultInjection
{
    /// <summary>
    /// Runs after every check and before the claim: a throw here is a failure with nothing sent and the ledger still
    /// pending (tests use it for a job that keeps failing and ends in the dead letters).
    /// </summary>
    public virtual void BeforeClaim(Guid messageId)
    {
    }

    public virtual void AfterProviderCall(Guid messageId)
    {
    }
}
