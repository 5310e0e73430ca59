using System.Globalization;

namespace AiSales.Core.Replies.Offline;

/// <summary>What the assistant says about a cart sent from the WhatsApp catalog.</summary>
internal static class CartTexts
{
    internal static string CartReceived(this ReplyPhrases p, IEnumerable<string> lines) =>
        p.Pick(43, ["وصلني طلبك من الكتالوج 🛒", "استلمت سلتك 🛒"], ["Got your cart 🛒", "Your cart is here 🛒"])
        + (p.English ? " " : ": ") + p.List(lines.ToList()) + ".";

    /// <summary>The cart showed another price than the catalog's: the catalog's is the one that counts, and the customer is told.</summary>
    internal static string PriceDiffers(this ReplyPhrases p, CatalogItem item, decimal shown) => p.English
        ? $"The {p.Name(item)} is {p.Price(item.PriceIqd)} now (not {Shown(shown)})."
        : $"سعر {p.Name(item)} هسه {p.Price(item.PriceIqd)} (مو {Shown(shown)}).";

    internal static string NotInCatalog(this ReplyPhrases p, IReadOnlyList<string> skus) => p.English
        ? $"I couldn't find {(skus.Count == 1 ? "this item" : "these items")} in our catalog: {string.Join(", ", skus)}."
        : $"ما لكيت {(skus.Count == 1 ? "هذا المنتج" : "هذني المنتجات")} بالكتالوج عدنا: {string.Join("، ", skus)}.";

    private static string Shown(decimal price) => price.ToString("#,0.##", CultureInfo.InvariantCulture);
}
