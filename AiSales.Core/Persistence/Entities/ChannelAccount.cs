namespace AiSales.Core.Persistence.Entities;

/// <summary>One connected Instagram account, Facebook page or WhatsApp number of a merchant.</summary>
public class ChannelAccount
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public ChannelPlatform Platform { get; set; }
    public ChannelProvider Provider { get; set; }
    /// <summary>IG account id / page id / WA phone_number_id: the recipient id in webhooks.</summary>
    public string ExternalId { get; set; } = "";
    public string? DisplayName { get; set; }
    public ChannelStatus Status { get; set; } = ChannelStatus.Active;
    /// <summary>Output of TokenProtector; never the plain token.</summary>
    public byte[]? AccessTokenEncrypted { get; set; }
    public DateTimeOffset? TokenExpiresAt { get; set; }
    /// <summary>Provider-specific settings (jsonb).</summary>
    public string Settings { get; set; } = "{}";
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
