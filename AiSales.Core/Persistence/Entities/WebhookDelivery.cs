namespace AiSales.Core.Persistence.Entities;

/// <summary>One webhook POST exactly as received, stored before Meta gets its 200.</summary>
public class WebhookDelivery
{
    public long Id { get; set; }
    public ChannelPlatform Platform { get; set; }
    public string? Object { get; set; }
    public DateTimeOffset ReceivedAt { get; set; } = DateTimeOffset.UtcNow;
    /// <summary>The exact raw bytes that were signed.</summary>
    public byte[] Body { get; set; } = [];
    /// <summary>Selected request headers (signature, user-agent, content-type), jsonb object.</summary>
    public Dictionary<string, string> Headers { get; set; } = [];
    public string? TraceParent { get; set; }
    public WebhookDeliveryStatus Status { get; set; } = WebhookDeliveryStatus.Received;
    public DateTimeOffset? ProcessedAt { get; set; }
    public int? EventCount { get; set; }
    public string? Error { get; set; }
}
