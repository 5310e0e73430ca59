namespace AiSales.Core.Persistence.Entities;

public class Product
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public string Sku { get; set; } = "";
    public string NameAr { get; set; } = "";
    public string? NameEn { get; set; }
    /// <summary>Other names customers use (dialect spellings, Arabizi, English), for catalog matching.</summary>
    public List<string> Aliases { get; set; } = [];
    public string? Description { get; set; }
    /// <summary>Whole Iraqi dinars.</summary>
    public long PriceIqd { get; set; }
    public int Stock { get; set; }
    public ProductVariants Variants { get; set; } = new();
    public string? ImageUrl { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
