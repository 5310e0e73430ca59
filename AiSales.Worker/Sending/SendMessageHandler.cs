using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending;
using AiSales.Core.Sending.RateLimiting;
using AiSales.Core.Sending.Transports;
using AiSales.Core.Sending.Windows;
using Microsoft.Extensions.Options;
using Wolverine;
using MessagingType = AiSales.Core.Persistence.Entities.MessagingType;

namespace AiSales.Worker.Sending;

/// <summary>
/// Sends one outbound message exactly once. The queue delivers at least once, so the ledger decides:
/// sent or failed → nothing to do; "sending" left by an earlier attempt → the outcome is unknown, so never call
/// again: reconcile through the echo/status webhook (<see cref="ReconcileSendHandler"/>); pending → window check,
/// channel state, token, rate limit, then claim the row as "sending" (committed) and only then call the adapter.
/// Follow-up jobs go through the handler's <see cref="IMessageContext"/>, committed with this job's completion.
/// A job that fails for good is recorded on its message as it is dead-lettered (<see cref="SendDeadLetterHook"/>).
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
    public Task Handle(SendMessage message, IMessageContext context, CancellationToken ct) => SendAsync(message, context, ct);

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

        var wire = SendRequestMapper.ToSend(send, messagingType.Value);
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

        var rate = await limiter.TryAcquireAsync(SendRequestMapper.RateKey(send, wire, messagingType.Value), ct);
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
            // A stored template is always a person's choice (picked in the conversation, or chosen for an event on the
            // Templates page); the assistant never produces one.
            send.Author == MessageAuthor.Human || send.Template is not null ? SendAuthor.Human : SendAuthor.Ai,
            send.LastCustomerMessageAt,
            clock.GetUtcNow(),
            CommentId: send.MessagingType == MessagingType.PrivateReply ? send.CommentId : null,
            CommentCreatedAt: send.CommentCreatedAt,
            PrivateReplyAlreadySent: send.PrivateReplyAlreadySent,
            IsTemplate: send.MessagingType == MessagingType.Template,
            IsPublicCommentReply: SendRequestMapper.IsPublicCommentReply(send)));
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
                await ledger.MarkFailedAsync(send, SendStatusDetail.GaveUp(attempt, result.ErrorMessage), code, result.ErrorMessage, ct);
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
