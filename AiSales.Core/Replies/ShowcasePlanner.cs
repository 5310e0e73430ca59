using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Offline;
using AiSales.Core.Sending.Transports;
using AiSales.Core.Text;
using Npgsql;

namespace AiSales.Core.Replies;

/// <summary>
/// When a customer asks to see what the shop has ("شنو عندكم؟", "ورني العبايات", "show me what you have", a photo of
/// several products) and the reply names products, those products also go as the platform's own product message
/// (<see cref="ProductShowcase"/>), beside the text: on WhatsApp from the shop's Meta catalog connected to that number,
/// only products the catalog sync has published (the customer can open them, add them to a cart and order); on
/// Messenger and Instagram as cards with the product's photo and a button that asks for it. In stock only, in the reply's
/// order, within Meta's limits. Anything else — no catalog, no photos, ManyChat — keeps the text alone, as before.
/// </summary>
public static class ShowcasePlanner
{
    // Folded words and phrases that ask what there is to see or choose from (photo words are PhotoTexts').
    private static readonly string[] BrowsePhrases =
    [
        "شنو عندكم", "شنو عدكم", "شكو عندكم", "شكو عدكم", "شعندكم", "شعدكم", "شنو موجود", "شكو موجود", "شنو الموجود", "ماذا لديكم",
        "ما هي المنتجات", "شنو المنتجات", "المنتجات الموجوده", "شنو الموديلات", "الموديلات", "الكتالوج", "كتالوج", "ورني", "وريني",
        "راويني", "اريد اشوف", "ابي اشوف", "اريد اختار", "what do you have", "what do you sell", "show me", "your products",
        "catalog", "catalogue", "collection", "shno 3ndkom", "shku 3dkom", "shnu 3indkum",
    ];

    /// <summary>The customer asks to see or browse (not just a price or a question about one product).</summary>
    public static bool AsksToSee(string? customerText)
    {
        if (string.IsNullOrWhiteSpace(customerText)) return false;
        var message = new NormalizedMessage(customerText);
        return PhotoTexts.AsksForPhoto(message) || BrowsePhrases.Any(message.ContainsPhrase);
    }

    // The channel's provider; on WhatsApp the shop's Meta catalog connected to this number (or to all its numbers) and
    // which of the shown products it has published (the catalog sync's state, docs/catalog-sync.md). Read only when a
    // showcase is wanted.
    private const string ChannelSql = """
        SELECT a.provider, mc.catalog_id,
               COALESCE(array_agg(cs.remote_retailer_id) FILTER (WHERE cs.remote_retailer_id IS NOT NULL), '{}')
        FROM channel_accounts a
        LEFT JOIN meta_catalogs mc ON a.platform = 'whatsapp' AND mc.merchant_id = a.merchant_id AND mc.status = 'active'
            AND (mc.channel_account_id IS NULL OR mc.channel_account_id = a.id)
        LEFT JOIN catalog_sync cs ON mc.catalog_id IS NOT NULL AND cs.merchant_id = a.merchant_id AND cs.product_id = ANY($3) AND cs.state = 'synced'
        WHERE a.id = $2 AND a.merchant_id = $1
        GROUP BY a.provider, mc.catalog_id
        """;

    /// <returns>The showcase to send beside the reply, or null when the customer did not ask to see, or nothing can be shown.</returns>
    public static async Task<ProductShowcase?> PlanAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ReplyContext context, Guid channelAccountId,
        ReplyDecision reply, CancellationToken ct)
    {
        // A photo of one product already goes as an image message (PhotoTexts): no second picture of it.
        if (reply.ProductIds.Count == 0 || reply.Handoff || reply.ImageUrl is not null || !AsksToSee(context.CustomerText)) return null;
        var english = (reply.State ?? context.State)?.Language == "en";
        var shown = reply.ProductIds.Distinct()
            .Select(id => context.Catalog.FirstOrDefault(c => c.Id == id))
            .Where(c => c is { Active: true, Stock: > 0, Sku.Length: > 0 })
            .Select(c => c!)
            .ToList();
        if (shown.Count == 0) return null;

        string? catalogId;
        HashSet<string> published;
        await using (var cmd = new NpgsqlCommand(ChannelSql, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = context.MerchantId });
            cmd.Parameters.Add(new() { Value = channelAccountId });
            cmd.Parameters.Add(new() { Value = shown.Select(c => c.Id).ToArray() });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct) || reader.GetString(0) == "manychat") return null; // ManyChat carries text only
            catalogId = reader.IsDBNull(1) ? null : reader.GetString(1);
            published = reader.GetFieldValue<string[]>(2).ToHashSet(StringComparer.Ordinal);
        }

        if (context.Platform == ChannelPlatform.WhatsApp)
        {
            if (catalogId is null) return null;
            var items = shown.Where(c => published.Contains(c.Sku!)).Take(ProductShowcase.MaxWhatsAppItems).Select(c => Item(c, english)).ToList();
            return items.Count == 0 ? null : Showcase(catalogId, items, english);
        }

        var cards = shown.Where(c => c.ImageUrl is { } url && url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            .Take(ProductShowcase.MaxCards).Select(c => Item(c, english)).ToList();
        return cards.Count == 0 ? null : Showcase(null, cards, english);
    }

    /// <summary>The words the product message carries (WhatsApp's body; the inbox's line for it).</summary>
    public static string Line(bool english) => english ? "Pick what you like 👇" : "اختار اللي يعجبك 👇";

    private static ShowcaseItem Item(CatalogItem c, bool english) => new(c.Sku!,
        english && !string.IsNullOrWhiteSpace(c.NameEn) ? c.NameEn! : c.NameAr,
        c.PriceIqd.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + (english ? " IQD" : " دينار"),
        c.ImageUrl);

    private static ProductShowcase Showcase(string? catalogId, List<ShowcaseItem> items, bool english) => english
        ? new ProductShowcase(catalogId, items, "Our products", "Products", "I want this")
        : new ProductShowcase(catalogId, items, "منتجاتنا", "المنتجات", "أريد هذا");
}
