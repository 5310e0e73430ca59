namespace AiSales.Core.Persistence.Entities;

/// <summary>A key a merchant's own systems use to call the Merchant API. The secret itself is never stored.</summary>
public class MerchantApiKey
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>First 8 characters of the key: public, shown in lists and used as the audit actor.</summary>
    public string Prefix { get; set; } = "";
    /// <summary>SHA-256 of the secret part (32 bytes).</summary>
    public byte[] KeyHash { get; set; } = [];
    /// <summary>Who created it: a user id or "system".</summary>
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
