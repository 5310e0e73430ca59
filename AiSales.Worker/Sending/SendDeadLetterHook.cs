using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending;
using Microsoft.Extensions.Options;

namespace AiSales.Worker.Sending;

/// <summary>
/// A <see cref="SendMessage"/> that failed for good says so on its message as Wolverine dead-letters it, instead of
/// leaving it "queued" or "sending": ledger pending (no request in doubt) → the message fails visibly; ledger "sending"
/// (a request may have reached the platform) → outcome unknown and a reconcile scheduled in a transaction of its own,
/// so a late echo/status can still settle it. A replay of that dead letter sends again only if no request had left
/// (docs/sending.md, "Dead letters").
/// </summary>
public sealed class SendDeadLetterHook(OutboundLedger ledger, IOptions<SendingOptions> options, ILogger<SendDeadLetterHook> logger) : IDeadLetterHook
{
    public Task DeadLetteredAsync(object message, int attempts, Exception exception) =>
        message is SendMessage send ? RecordFinalFailureAsync(send.MessageId, attempts, exception) : Task.CompletedTask;

    private async Task RecordFinalFailureAsync(Guid messageId, int attempts, Exception ex)
    {
        try
        {
            // Fresh read, no caller token: the job is ending either way and this write is what the merchant will see.
            var send = await ledger.LoadAsync(messageId, CancellationToken.None);
            switch (send?.State)
            {
                case SendState.Pending:
                    // No provider call is in doubt: failed now, revived (and sent) if an operator replays the dead letter.
                    await ledger.MarkDeadLetteredAsync(send, attempts, ex.GetType().Name, CancellationToken.None);
                    logger.LogError(ex, "SendMessage {MessageId}: attempt {Attempt} failed; message failed and job dead-lettered (replay sends it)",
                        messageId, attempts);
                    break;
                case SendState.Sending:
                    // A request may have reached the platform: never resend, reconcile like any unknown outcome.
                    await ReconcileAfterFinalFailureAsync(send, attempts, ex);
                    break;
            }
        }
        catch (Exception recordEx)
        {
            // Typically the same outage (database down); the dead letter still records the job, and a replay decides from the ledger.
            logger.LogError(recordEx, "SendMessage {MessageId}: could not record the final failure on the message", messageId);
        }
    }

    /// <summary>
    /// The final attempt failed with the ledger "sending" (e.g. the provider answered but recording it failed). The echo
    /// or status webhook may still arrive, so schedule the reconcile rather than give up now. It cannot go through the
    /// handler's context (the failing job's outbox is rolled back), so the ledger commits it with the outcome-unknown
    /// mark in its own transaction. Only if that fails: the reconcile's give-up now (failed, never resent, a person decides).
    /// </summary>
    private async Task ReconcileAfterFinalFailureAsync(PendingSend send, int attempts, Exception ex)
    {
        try
        {
            // The exception's type only: its text can carry hosts or secrets.
            await ledger.MarkOutcomeUnknownAndScheduleReconcileAsync(send,
                $"SendMessage job failed {attempts} times ({ex.GetType().Name}); the last attempt's request may have reached the platform",
                options.Value.EffectiveReconcileDelays[0], CancellationToken.None);
            logger.LogError(ex, "SendMessage {MessageId}: attempt {Attempt} failed with a request's outcome unknown; job dead-lettered, reconcile scheduled (never resent)",
                send.MessageId, attempts);
        }
        catch (Exception scheduleEx)
        {
            logger.LogError(scheduleEx, "SendMessage {MessageId}: could not schedule the reconcile after the final attempt; failing it as an unknown outcome", send.MessageId);
            await ledger.GiveUpUnknownAsync(send, CancellationToken.None);
            logger.LogError(ex, "SendMessage {MessageId}: attempt {Attempt} failed with a request's outcome unknown; failed without resending",
                send.MessageId, attempts);
        }
    }
}
