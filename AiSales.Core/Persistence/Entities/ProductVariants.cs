namespace AiSales.Core.Persistence.Entities;

/// <summary>products.variants (jsonb).</summary>
public class ProductVariants
{
    public List<string> Sizes { get; set; } = [];
    public List<string> Colors { get; set; } = [];
}
