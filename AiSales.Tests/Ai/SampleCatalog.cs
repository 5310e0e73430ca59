using AiSales.Core.Replies.Offline;


namespace AiSales.Tests.Ai;

/// <summary>A small Baghdad clothing shop's catalog, used by the offline responder tests.</summary>
internal static class SampleCatalog
{
    /// <summary>The demo shop's catalog (BSF-001…), the one customers meet in the Simulator.</summary>
    public static readonly IReadOnlyList<CatalogItem> DemoShop = Core.Demo.DemoCatalog.Products(Guid.Empty)
        .Select(p => new CatalogItem(Guid.NewGuid(), p.NameAr, p.NameEn, p.Aliases, p.PriceIqd, p.Stock, p.Variants.Sizes, p.Variants.Colors, true, p.Sku))
        .ToList();

    public static readonly CatalogItem Jacket = new(
        Guid.Parse("11111111-0000-0000-0000-000000000001"), "جاكيت جلد", "Leather jacket", ["جاكيت", "jacket", "jaket"],
        45_000, 10, ["S", "M", "L", "XL"], ["اسود", "بني"]);

    public static readonly CatalogItem Sneakers = new(
        Guid.Parse("11111111-0000-0000-0000-000000000002"), "حذاء رياضي", "Sneakers", ["سنيكرز", "shoes", "حذاء"],
        35_000, 2, ["40", "41", "42", "43"], ["ابيض"]);

    public static readonly CatalogItem Dress = new(
        Guid.Parse("11111111-0000-0000-0000-000000000003"), "فستان سهرة", "Evening dress", ["فستان", "dress"],
        60_000, 0, ["M", "L"], ["احمر"]);

    public static readonly CatalogItem Perfume = new(
        Guid.Parse("11111111-0000-0000-0000-000000000004"), "عطر عود", "Oud perfume", ["عطر", "perfume"],
        30_000, 5, [], []);

    public static readonly CatalogItem Watch = new(
        Guid.Parse("11111111-0000-0000-0000-000000000005"), "ساعة يد", "Wrist watch", ["ساعه", "watch"],
        25_000, 7, [], ["فضي", "ذهبي"]);

    public static readonly CatalogItem Sunglasses = new(
        Guid.Parse("11111111-0000-0000-0000-000000000006"), "نظارة شمسية", "Sunglasses", ["نظاره", "sunglasses"],
        15_000, 4, [], [], Active: false);

    public static readonly IReadOnlyList<CatalogItem> All = [Jacket, Sneakers, Dress, Perfume, Watch, Sunglasses];

    public static OfflineRequest Ask(string text, Guid? lastProduct = null, DeliveryOptions? delivery = null, ReplyTone tone = ReplyTone.Warm) =>
        new(text, All, "متجر الريم", lastProduct is null ? null : new AiSales.Core.Persistence.Entities.SalesState { FocusProductId = lastProduct }, delivery, tone);
}
