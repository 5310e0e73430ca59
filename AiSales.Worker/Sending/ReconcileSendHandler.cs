using AiSales.Core.Inbound.Recording;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending;
using Microsoft.Extensions.Options;
using Wolverine;

namespace AiSales.Worker.Sending;

/// <summary>
/// Settles a send whose outcome is unknown without ever resending it. Messenger/Instagram: the pipeline's
/// EchoMatcher marks the ledger sent when the echo carrying our metadata arrives, so each check only looks whether
/// that happened. WhatsApp has no echo: look for a status webhook carrying our biz_opaque_callback_data. After the
/// last check the message is failed ("unknown outcome — not resent") and the conversation flagged for a person.
/// Guarantee: at most once on unknown outcomes, exactly once otherwise, never a duplicate.
/// </summary>
public sealed class ReconcileSendHandler(
    OutboundLedger ledger,
    WhatsAppStatusReconciler whatsApp,
    IOptions<SendingOptions> options,
    ILogger<ReconcileSendHandler> logger)
{
    public async Task Handle(ReconcileSend message, IMessageContext context, CancellationToken ct)
    {
        var send = await ledger.LoadAsync(message.MessageId, ct);
        if (send is null || send.State != SendState.Sending)
        {
            logger.LogInformation("Reconcile {MessageId}: settled ({State})", message.MessageId, send?.State);
            return;
        }

        if (send.Platform == ChannelPlatform.WhatsApp
            && await whatsApp.FindAsync(send.IdempotencyKey, send.LedgerUpdatedAt.AddMinutes(-10), ct) is { } status)
        {
            if (string.Equals(status.Status, "failed", StringComparison.OrdinalIgnoreCase))
                await ledger.MarkFailedAsync(send, "failed: WhatsApp reported the message failed", "whatsapp_failed", "WhatsApp reported the message as failed.", ct);
            else
                await ledger.MarkSentAsync(send, status.Wamid, null, ct);
            logger.LogInformation("Reconcile {MessageId}: WhatsApp status {Status} settles the unknown outcome", send.MessageId, status.Status);
            return;
        }

        var delays = options.Value.EffectiveReconcileDelays;
        if (message.Check < delays.Count)
        {
            await context.PublishAsync(new ReconcileSend(send.MessageId, message.Check + 1),
                new DeliveryOptions { ScheduleDelay = delays[message.Check] });
            return;
        }

        await ledger.GiveUpUnknownAsync(send, ct);
        logger.LogWarning("Reconcile {MessageId}: no echo or status after {Checks} checks; failed without resending, conversation {ConversationId} needs attention",
            send.MessageId, message.Check, send.ConversationId);
    }
}
