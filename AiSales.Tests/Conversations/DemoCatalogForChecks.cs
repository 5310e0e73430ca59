using AiSales.Core.Demo;

namespace AiSales.Tests.Conversations;

/// <summary>The demo catalog as the checks see it, without a database (format validation and the checkers' unit tests).</summary>
public static class DemoCatalogForChecks
{
    public static ShopCatalog Catalog { get; } = new(
        [.. DemoCatalog.Products(Guid.Empty).Select(p => new ShopProduct(Guid.Empty, p.Sku, p.NameAr, p.NameEn, p.Aliases, p.PriceIqd, p.Stock,
            p.Variants.Sizes, p.Variants.Colors))],
        ShopCatalog.DemoFees, ShopCatalog.DemoDefaultFee);
}
