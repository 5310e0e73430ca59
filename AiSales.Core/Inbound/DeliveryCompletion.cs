namespace AiSales.Core.Inbound;

/// <summary>
/// Handed with a delivery's last event: when that event's transaction commits rows, it also marks the delivery
/// processed (<see cref="WebhookDeliveryMarks"/>) and says so here, saving the delivery handler a transaction of its own.
/// </summary>
public sealed class DeliveryCompletion(long deliveryId, int eventCount)
{
    public long DeliveryId { get; } = deliveryId;
    public int EventCount { get; } = eventCount;
    public bool Marked { get; set; }
}
