using Wolverine;

namespace AiSales.Core.Messaging;

/// <summary>Delivery options we use, named.</summary>
public static class Delivery
{
    /// <summary>Due after <paramref name="delay"/>; none (sent at once) when the delay is zero, rather than a scheduled
    /// message that waits for the next poll of scheduled messages.</summary>
    public static DeliveryOptions? After(TimeSpan delay) => delay > TimeSpan.Zero ? new DeliveryOptions { ScheduleDelay = delay } : null;
}
