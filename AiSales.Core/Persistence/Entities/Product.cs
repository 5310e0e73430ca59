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
    /// <summary>Null: guessed from the Arabic name (a final ة is feminine).</summary>
    public GrammaticalGender? GrammaticalGender { get; set; }
    /// <summary>Post, reel, story and ad ids that show this product: a comment, story reply or ad click on one puts it in focus.</summary>
    public List<string> MediaIds { get; set; } = [];
    /// <summary>Set when the merchant deleted the product (migration 0018): kept for orders, hidden everywhere else.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
