namespace AiSales.Core.Messaging;

/// <summary>
/// Queue message: split one stored webhook delivery into normalized events and run them through the
/// inbound pipeline. Enqueued in the same transaction that stores the delivery, so a delivery we
/// answered 200 is always processed (at least once; the pipeline's dedupe makes it effectively once).
/// </summary>
public sealed record ProcessWebhookDelivery(long DeliveryId);

/// <summary>
/// Queue message: the deliveries one group commit stored, handed to the Workers as one envelope. Wolverine moves each
/// envelope from the publisher's outbox to the queue with a round trip and a commit of its own, so one per delivery made
/// that hand-over, not the group commit, the limit on ingest. The Worker that takes the batch splits it into a
/// <see cref="ProcessWebhookDelivery"/> per delivery in its own durable local queue (one transaction for all of them), so
/// each delivery still has its own retries, dead letter and parallelism. Handling a batch twice (redelivered after a
/// crash) only queues deliveries whose processing skips what is already done.
/// </summary>
public sealed record ProcessWebhookDeliveryBatch(long[] DeliveryIds)
{
    /// <summary>The message that hands <paramref name="deliveryIds"/> to the Workers: a batch only when it saves a hand-over.</summary>
    public static object For(IReadOnlyList<long> deliveryIds) => deliveryIds.Count == 1
        ? new ProcessWebhookDelivery(deliveryIds[0])
        : new ProcessWebhookDeliveryBatch([.. deliveryIds]);
}
