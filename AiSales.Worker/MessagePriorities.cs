namespace AiSales.Worker;

/// <summary>
/// Queue priorities (higher runs first when there is a backlog). Work nearest the customer goes first:
/// a reply already drafted (SendMessage) beats drafting one (GenerateReply), which beats taking in more
/// webhooks. Under a flood (e.g. thousands of WhatsApp status callbacks after a broadcast) customers who
/// already wrote still get their answers, instead of waiting behind receipts. Inbound deliveries are
/// enqueued by the Webhooks service, which leaves them at the default 0; hand-backs are timers that
/// should not lag far behind their due time, so they sit above inbound.
/// </summary>
public static class MessagePriorities
{
    public const int SendMessage = 30;
    public const int GenerateReply = 20;
    public const int HandBackToAi = 10;
    public const int ProcessWebhookDelivery = 0;
}
