namespace AiSales.Core.Persistence.Entities;

/// <summary>
/// The exactly-once ledger: written before the provider is called; a retried job finds it by
/// <see cref="IdempotencyKey"/> and never sends a second time once <see cref="State"/> is sent.
/// </summary>
public class OutboundSend
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public Guid MessageId { get; set; }
    public Guid ChannelAccountId { get; set; }
    public string IdempotencyKey { get; set; } = "";
    public SendState State { get; set; } = SendState.Pending;
    public int Attempts { get; set; }
    public MessagingType MessagingType { get; set; } = MessagingType.Response;
    /// <summary>Rate-limit bucket: text, media, private_reply, template.</summary>
    public string EndpointClass { get; set; } = "text";
    public string? ExternalMessageId { get; set; }
    public string? LastErrorCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
