namespace AiSales.Core.Messaging;

/// <summary>
/// Queue message: split one stored webhook delivery into normalized events and run them through the
/// inbound pipeline. Enqueued in the same transaction that stores the delivery, so a delivery we
/// answered 200 is always processed (at least once; the pipeline's dedupe makes it effectively once).
/// </summary>
public sealed record ProcessWebhookDelivery(long DeliveryId);
