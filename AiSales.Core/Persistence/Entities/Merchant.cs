namespace AiSales.Core.Persistence.Entities;

/// <summary>A shop (tenant). Every merchant-owned row carries merchant_id so queries can scope by it.</summary>
public class Merchant
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string TimeZone { get; set; } = "Asia/Baghdad";
    public string DefaultLanguage { get; set; } = "ar";
    /// <summary>The last order number given (a trigger takes the next one for each new order).</summary>
    public long LastOrderNumber { get; set; } = 1000;
    public MerchantAiSettings AiSettings { get; set; } = new();
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
