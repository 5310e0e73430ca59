namespace AiSales.Core.Persistence.Entities;

/// <summary>Durable dedupe record: the primary key (platform, event_key) refuses a second insert.</summary>
public class ProcessedEvent
{
    public ChannelPlatform Platform { get; set; }
    /// <summary>Event kind + platform event id, e.g. "message:m_abc".</summary>
    public string EventKey { get; set; } = "";
    public long? DeliveryId { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; } = DateTimeOffset.UtcNow;
}
