using AiSales.Core.Channels.RateLimiting;
using AiSales.Core.Channels.Sending;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending;
using AiSales.Core.Sending.Windows;
using MessagingType = AiSales.Core.Persistence.Entities.MessagingType;
using Microsoft.Extensions.Options;
using Wolverine;

namespace AiSales.Worker.Sending;

/// <summary>
/// Sends one outbound message exactly once. The queue delivers at least once, so the ledger decides:
/// sent or failed → nothing to do; "sending" left by an earlier attempt → the outcome is unknown, so never call
/// again: reconcile through the echo/status webhook (<see cref="ReconcileSendHandler"/>); pending → window check,
/// channel state, token, rate limit, then claim the row as "sending" (committed) and only then call the adapter.
/// Follow-up jobs go through the handler's <see cref="IMessageContext"/>, committed with this job's completion.
/// A job failing on its last attempt records that before the queue dead-letters it: ledger pending (no request in doubt)
/// → the message fails visibly; ledger "sending" (a request may have reached the platform) → outcome unknown and a
/// reconcile scheduled in a transaction of its own (the failing job's context is rolled back with it), so a late
/// echo/status can still settle it. A replay of that dead letter sends again only if no request had left
/// (docs/sending.md, "Dead letters").
/// </summary>
public sealed class SendMessageHandler(
    OutboundLedger ledger,
    ChannelCredentialsReader credentials,
    ChannelSenderRegistry senders,
    IChannelRateLimiter limiter,
    WindowPlanner windows,
    SendFaultInjection faults,
    SendTelemetry telemetry,
    IOptions<SendingOptions> options,
    TimeProvider clock,
    ILogger<SendMessageHandler> logger)
{
    public async Task Handle(SendMessage message, IMessageContext context, CancellationToken ct)
    {
        try
        {
            await SendAsync(message, context, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && IsFinalAttempt(context.Envelope))
        {
            // The queue moves this job to the dead letters after this throw. Say so on the message first, so the merchant
            // sees a failure (or, when a request may have left, that its outcome is being reconciled) instead of a message
            // stuck in "queued" or "sending"; the exception itself still goes to the queue.
            await RecordFinalFailureAsync(message.MessageId, context.Envelope!, ex);
            throw;
        }
    }

    /// <summary>
    /// The attempt after which the queue gives up (dead letter). The job's maximum attempts is the cap every error
    /// policy reaches at the latest; inline InvokeAsync calls carry no cap and are never final.
    /// </summary>
    private static bool IsFinalAttempt(Envelope? envelope) =>
        envelope is { MaxAttempts: > 0 and < int.MaxValue } && envelope.Attempts >= envelope.MaxAttempts;

    private async Task RecordFinalFailureAsync(Guid messageId, Envelope envelope, Exception ex)
    {
        try
        {
            // Fresh read, no caller token: the job is ending either way and this write is what the merchant will see.
            var send = await ledger.LoadAsync(messageId, CancellationToken.None);
            switch (send?.State)
            {
                case SendState.Pending:
                    // No provider call is in doubt: failed now, revived (and sent) if an operator replays the dead letter.
                    await ledger.MarkDeadLetteredAsync(send, envelope.Attempts, ex.GetType().Name, CancellationToken.None);
                    logger.LogError(ex, "SendMessage {MessageId}: attempt {Attempt} of {MaxAttempts} failed; message failed and job dead-lettered (replay sends it)",
                        messageId, envelope.Attempts, envelope.MaxAttempts);
                    break;
                case SendState.Sending:
                    // A request may have reached the platform: never resend, reconcile like any unknown outcome.
                    await ReconcileAfterFinalFailureAsync(send, envelope, ex);
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
    private async Task ReconcileAfterFinalFailureAsync(PendingSend send, Envelope envelope, Exception ex)
    {
        try
        {
            // The exception's type only: its text can carry hosts or secrets.
            await ledger.MarkOutcomeUnknownAndScheduleReconcileAsync(send,
                $"SendMessage job failed {envelope.Attempts} times ({ex.GetType().Name}); the last attempt's request may have reached the platform",
                options.Value.EffectiveReconcileDelays[0], CancellationToken.None);
            logger.LogError(ex, "SendMessage {MessageId}: attempt {Attempt} of {MaxAttempts} failed with a request's outcome unknown; job dead-lettered, reconcile scheduled (never resent)",
                send.MessageId, envelope.Attempts, envelope.MaxAttempts);
        }
        catch (Exception scheduleEx)
        {
            logger.LogError(scheduleEx, "SendMessage {MessageId}: could not schedule the reconcile after the final attempt; failing it as an unknown outcome", send.MessageId);
            await ledger.GiveUpUnknownAsync(send, CancellationToken.None);
            logger.LogError(ex, "SendMessage {MessageId}: attempt {Attempt} failed with a request's outcome unknown; failed without resending",
                send.MessageId, envelope.Attempts);
        }
    }

    private async Task SendAsync(SendMessage message, IMessageContext context, CancellationToken ct)
    {
        var send = await ledger.LoadAsync(message.MessageId, ct);
        if (send is null)
        {
            logger.LogWarning("SendMessage {MessageId}: no message with a ledger row; nothing to send", message.MessageId);
            return;
        }
        // Every log line of this send (the adapter's included) carries whose message it is; ids only, never text or tokens.
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["MerchantId"] = send.MerchantId,
            ["ConversationId"] = send.ConversationId,
            ["MessageId"] = send.MessageId,
        });

        if (send is { State: SendState.Failed, LastErrorCode: SendErrorCodes.DeadLettered })
        {
            // An operator replayed the dead letter. The failure happened before any provider call, so sending now
            // cannot duplicate anything; the revive is conditional, so only one replay wins.
            if (await ledger.ReviveDeadLetteredAsync(send, ct))
            {
                logger.LogInformation("SendMessage {MessageId}: dead-lettered send revived by a replay; sending", send.MessageId);
                send = await ledger.LoadAsync(message.MessageId, ct);
                if (send is null) return;
            }
        }

        switch (send.State)
        {
            case SendState.Sent or SendState.Failed:
                logger.LogInformation("SendMessage {MessageId}: already {State}; redelivered job ignored", send.MessageId, send.State);
                return;
            case SendState.Sending:
                // An earlier attempt claimed the row and never recorded the answer (crash, or lost response):
                // the platform may have the message. Calling again could deliver it twice, so reconcile instead.
                logger.LogWarning("SendMessage {MessageId}: previous attempt's outcome unknown; reconciling instead of resending", send.MessageId);
                await ScheduleReconcileAsync(context, send.MessageId, 1);
                return;
        }

        var messagingType = await PlanWindowAsync(send, ct);
        if (messagingType is null) return;

        if (send.ChannelStatus == ChannelStatus.NeedsReconnect)
        {
            await ledger.ParkForReconnectAsync(send, refundAttempt: false, null, null, ct);
            return;
        }
        if (send.ChannelStatus == ChannelStatus.Disabled)
        {
            await ledger.MarkFailedAsync(send, "failed: channel disabled", "channel_disabled", "The channel account is disabled.", ct);
            return;
        }

        var wire = OutboundSendMapper.ToSend(send, messagingType.Value);
        if (!senders.TryGet(wire.Platform, wire.Provider, out var sender))
        {
            await ledger.MarkFailedAsync(send, "failed: no sender", "no_sender", $"No sender for {send.Platform}/{send.Provider}.", ct);
            return;
        }

        var creds = credentials.Read(send);
        if (creds is null)
        {
            await ledger.ParkForReconnectAsync(send, refundAttempt: false, "no_token", "The channel has no usable access token; reconnect it.", ct);
            return;
        }

        var rate = await limiter.TryAcquireAsync(OutboundSendMapper.RateKey(send, wire, messagingType.Value), ct);
        if (!rate.Allowed)
        {
            var wait = rate.RetryAfter > TimeSpan.Zero ? rate.RetryAfter : TimeSpan.FromSeconds(1);
            await ledger.MarkRateLimitedAsync(send, clock.GetUtcNow() + wait, ct);
            await context.PublishAsync(new SendMessage(send.MessageId), new DeliveryOptions { ScheduleDelay = wait });
            logger.LogInformation("SendMessage {MessageId}: rate limited by {Scope}; retry in {Wait}", send.MessageId, rate.LimitedBy, wait);
            return;
        }

        // The ledger says "sending" (committed) before the request leaves: from here on a crash is an unknown outcome.
        faults.BeforeClaim(send.MessageId);
        var attempt = await ledger.TryClaimAsync(send, messagingType.Value, ct);
        if (attempt is null)
        {
            // Either another worker claimed this row, or (private reply) another reply to the same comment claimed first:
            // read again and let the window planner say so on the message.
            var again = await ledger.LoadAsync(send.MessageId, ct);
            if (again is { State: SendState.Pending, PrivateReplyAlreadySent: true })
                await PlanWindowAsync(again, ct);
            else
                logger.LogInformation("SendMessage {MessageId}: another worker claimed the send", send.MessageId);
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await sender.SendAsync(wire, creds, ct);
        telemetry.SendCompleted(wire, result, started);
        if (result.Outcome == SendOutcome.Sent && send.Author == MessageAuthor.Ai && send.LastCustomerMessageAt is { } askedAt)
            telemetry.ReplySent(wire.Platform, askedAt, clock.GetUtcNow());
        faults.AfterProviderCall(send.MessageId);
        await ApplyAsync(send, messagingType.Value, attempt.Value, result, context, ct);
    }

    private async Task<MessagingType?> PlanWindowAsync(PendingSend send, CancellationToken ct)
    {
        var decision = windows.Plan(new WindowRequest(
            send.Platform,
            send.Author == MessageAuthor.Human ? SendAuthor.Human : SendAuthor.Ai,
            send.LastCustomerMessageAt,
            clock.GetUtcNow(),
            CommentId: send.MessagingType == MessagingType.PrivateReply ? send.CommentId : null,
            CommentCreatedAt: send.CommentCreatedAt,
            PrivateReplyAlreadySent: send.PrivateReplyAlreadySent,
            IsTemplate: send.MessagingType == MessagingType.Template,
            IsPublicCommentReply: OutboundSendMapper.IsPublicCommentReply(send)));
        if (decision is WindowAllowed allowed) return allowed.MessagingType;

        var blocked = (WindowBlocked)decision;
        logger.LogInformation("SendMessage {MessageId}: blocked by the messaging window ({Reason})", send.MessageId, blocked.Reason);
        await ledger.MarkFailedAsync(send, SendStatusDetail.OutsideWindow(blocked.Reason), blocked.Reason, blocked.ExplanationEn, ct);
        return null;
    }

    private async Task ApplyAsync(PendingSend send, MessagingType messagingType, int attempt, SendResult result, IMessageContext context, CancellationToken ct)
    {
        var code = ErrorCode(result);
        switch (result.Outcome)
        {
            case SendOutcome.Sent:
                await ledger.MarkSentAsync(send, result.ExternalMessageId,
                    messagingType == MessagingType.HumanAgent ? SendStatusDetail.SentHumanAgent : null, ct);
                return;

            case SendOutcome.RetryLater when result.OutcomeUnknown:
                // Never resent from here: the echo (Messenger/IG) or status (WhatsApp) settles it, or a person decides.
                await ledger.MarkOutcomeUnknownAsync(send, result.ErrorMessage, ct);
                await ScheduleReconcileAsync(context, send.MessageId, 1);
                return;

            case SendOutcome.RetryLater when attempt >= options.Value.MaxAttempts:
                await ledger.MarkFailedAsync(send, $"failed after {attempt} attempts: {result.ErrorMessage ?? "temporary platform error"}", code, result.ErrorMessage, ct);
                return;

            case SendOutcome.RetryLater:
                var wait = result.RetryAfter is { } after && after > TimeSpan.Zero ? after : options.Value.BackoffFor(attempt);
                await ledger.MarkRetryAsync(send, clock.GetUtcNow() + wait, SendStatusDetail.Retrying(result.ErrorMessage), code, result.ErrorMessage, ct);
                await context.PublishAsync(new SendMessage(send.MessageId), new DeliveryOptions { ScheduleDelay = wait });
                return;

            case SendOutcome.WaitForReconnect:
                // Parked, not retried: the reconnect re-enqueues it. The attempt is refunded so waiting costs no retries.
                await ledger.ParkForReconnectAsync(send, refundAttempt: true, code, result.ErrorMessage, ct);
                logger.LogWarning("SendMessage {MessageId}: channel {ChannelAccountId} needs reconnect; message parked", send.MessageId, send.ChannelAccountId);
                return;

            case SendOutcome.OutsideWindow:
                await ledger.MarkFailedAsync(send, SendStatusDetail.OutsideWindow(result.ErrorMessage ?? "the platform refused it"), code, result.ErrorMessage, ct);
                return;

            default:
                await ledger.MarkFailedAsync(send, $"failed: {result.ErrorMessage ?? "the platform refused the message"}", code, result.ErrorMessage, ct);
                return;
        }
    }

    private ValueTask ScheduleReconcileAsync(IMessageContext context, Guid messageId, int check)
    {
        var delays = options.Value.EffectiveReconcileDelays;
        var delay = delays[0];
        return context.PublishAsync(new ReconcileSend(messageId, check),
            new DeliveryOptions { ScheduleDelay = delay });
    }

    private static string? ErrorCode(SendResult result) =>
        result.ErrorCode is { } c ? result.ErrorSubcode is { } s ? $"{c}/{s}" : $"{c}" : result.HttpStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
