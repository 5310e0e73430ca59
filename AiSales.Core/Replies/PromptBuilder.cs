using System.Globalization;
using System.Text;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Offline;
using Microsoft.Extensions.AI;

namespace AiSales.Core.Replies;

/// <summary>
/// Builds the chat for one reply: a system prompt (persona, tone, dialect, rules, the matched products and the
/// delivery terms — the only facts the model may use), the recent conversation, then the customer's burst.
/// Only the best catalog matches are shown: a model that never sees a price cannot quote the wrong one, and the
/// prompt stays small for shops with thousands of products.
/// </summary>
public static class PromptBuilder
{
    public const int MaxProducts = 5;
    public const int MaxRecentMessages = 10;

    /// <summary>The products shown to the model: best matches for the burst (and the recent customer messages), plus the last discussed one.</summary>
    public static IReadOnlyList<CatalogItem> SelectProducts(ReplyContext ctx)
    {
        var active = ctx.Catalog.Where(p => p.Active).ToList();
        var matches = ProductMatcher.Match(ctx.CustomerText, active).Select(m => m.Item).ToList();
        if (matches.Count == 0)
        {
            // "how much is it?" after talking about a product: the earlier customer messages name it.
            var earlier = string.Join('\n', ctx.RecentMessages.Where(m => m.Author == MessageAuthor.Customer).TakeLast(3).Select(m => m.Text));
            matches = ProductMatcher.Match(earlier, active).Select(m => m.Item).ToList();
        }

        if (ctx.State?.FocusProductId is { } last && active.FirstOrDefault(p => p.Id == last) is { } lastItem && !matches.Contains(lastItem))
            matches.Insert(0, lastItem);

        return matches.Take(MaxProducts).ToList();
    }

    public static List<ChatMessage> Build(ReplyContext ctx, IReadOnlyList<CatalogItem> products, int lengthLimit)
    {
        var messages = new List<ChatMessage> { new(ChatRole.System, SystemPrompt(ctx, products, lengthLimit)) };
        foreach (var turn in ctx.RecentMessages.TakeLast(MaxRecentMessages))
        {
            if (string.IsNullOrWhiteSpace(turn.Text))
                continue;
            messages.Add(turn.Author == MessageAuthor.Customer
                ? new ChatMessage(ChatRole.User, turn.Text)
                : new ChatMessage(ChatRole.Assistant, turn.Author == MessageAuthor.Human ? "[shop staff] " + turn.Text : turn.Text));
        }
        messages.Add(new ChatMessage(ChatRole.User, ctx.CustomerText));
        return messages;
    }

    /// <summary>The corrective turn after the price guard rejected an answer.</summary>
    public static ChatMessage PriceCorrection(IReadOnlyList<long> unexplained, IReadOnlyList<CatalogItem> products) =>
        new(ChatRole.User,
            "SYSTEM CHECK (not from the customer): your reply quoted "
            + string.Join(", ", unexplained.Select(Iqd))
            + " which is not the price of any product you named. Quote only prices from the product list"
            + (products.Count > 0 ? " (" + string.Join("; ", products.Select(p => $"{p.NameAr} = {Iqd(p.PriceIqd)}")) + ")" : "")
            + " or the delivery fees, and put the ids of the products you mention in product_ids. If you do not know a price, do not give one. Answer again in the same JSON format.");

    private static string SystemPrompt(ReplyContext ctx, IReadOnlyList<CatalogItem> products, int lengthLimit)
    {
        var s = ctx.Settings;
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"You are the sales assistant of \"{ctx.MerchantName}\", an Iraqi shop answering customers in direct messages ({Platform(ctx.Platform)}).");
        if (!string.IsNullOrWhiteSpace(s.Persona))
            sb.AppendLine(CultureInfo.InvariantCulture, $"Persona: {s.Persona}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Tone: {s.Tone?.Trim().ToLowerInvariant() switch
        {
            null or "" or "warm" => "warm, short and helpful; an emoji now and then",
            "plain" => "polite, businesslike and short; no emoji",
            _ => s.Tone,
        }}.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Answer in the customer's own language and dialect. Default: {Dialect(s.Dialect)}. If the customer writes Arabizi (Latin letters), answer in Arabic script; if they write English, answer in English.");
        sb.AppendLine();
        sb.AppendLine("Rules:");
        sb.AppendLine("- Use ONLY the facts below. Never invent a product, price, discount, stock level, size, colour or delivery time.");
        sb.AppendLine("- Prices are in Iraqi dinars (IQD), written like 25,000 دينار. Quote a price only for a product in the list, and put that product's id in product_ids.");
        sb.AppendLine("- If the customer asks about something not in the list, ask which product they mean (do not guess) and lower your confidence.");
        sb.AppendLine("- The conversation is about the product in focus (below) unless the customer names another: \"how much is it?\" means that product.");
        sb.AppendLine("- Ordering is handled by the shop's order system, not by you: never confirm an order or state a total yourself.");
        sb.AppendLine("- A product the shop does not sell: say so and name the closest products in the list. Never hand off for that.");
        sb.AppendLine("- Set handoff=true (with handoff_reason) when the customer asks for a person, complains, wants a return/exchange/refund, or you cannot answer from these facts.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Keep the reply under {lengthLimit} characters; one or two short paragraphs.");
        sb.AppendLine("- confidence: 0..1, how sure you are the reply is correct and grounded in the facts.");
        sb.AppendLine("- lead_signals: any of greeting, price_asked, availability_asked, variant_asked, delivery_asked, order_intent, governorate, phone_given, complaint, wants_human, thanks, product_matched, out_of_stock.");
        sb.AppendLine();
        sb.AppendLine("Products (the only ones you may talk about):");
        if (products.Count == 0)
            sb.AppendLine("(none matched the customer's message)");
        foreach (var p in products)
        {
            sb.Append(CultureInfo.InvariantCulture, $"- id {p.Id}: {p.NameAr}");
            if (!string.IsNullOrWhiteSpace(p.NameEn)) sb.Append(CultureInfo.InvariantCulture, $" ({p.NameEn})");
            sb.Append(CultureInfo.InvariantCulture, $"; price {Iqd(p.PriceIqd)}; ");
            sb.Append(p.Stock <= 0 ? "out of stock" : p.Stock <= 3 ? $"only {p.Stock} left" : "in stock");
            if (p.Sizes.Count > 0) sb.Append("; sizes ").Append(string.Join(", ", p.Sizes));
            if (p.Colours.Count > 0) sb.Append("; colours ").Append(string.Join(", ", p.Colours));
            sb.AppendLine();
        }
        sb.AppendLine();
        if (ctx.State?.FocusProductId is { } focus && products.FirstOrDefault(p => p.Id == focus) is { } focused)
        {
            sb.Append(CultureInfo.InvariantCulture, $"Product in focus: {focused.NameAr} (id {focused.Id})");
            if (ctx.State.Size is not null) sb.Append("; size chosen ").Append(ctx.State.Size);
            if (ctx.State.Colour is not null) sb.Append("; colour chosen ").Append(ctx.State.Colour);
            sb.AppendLine();
        }
        if (ctx.State?.Governorate is { } known) sb.AppendLine(CultureInfo.InvariantCulture, $"Customer's governorate: {known}");
        sb.AppendLine();
        var delivery = ctx.Delivery ?? DeliveryOptions.Defaults;
        sb.AppendLine("Delivery:");
        foreach (var (governorate, terms) in delivery.ByGovernorate)
            sb.AppendLine(CultureInfo.InvariantCulture, $"- {governorate}: {Iqd(terms.FeeIqd)}, {terms.MinDays}-{terms.MaxDays} days");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- other governorates: {Iqd(delivery.Default.FeeIqd)}, {delivery.Default.MinDays}-{delivery.Default.MaxDays} days");
        if (delivery.CashOnDelivery) sb.AppendLine("- cash on delivery");
        sb.AppendLine();
        sb.AppendLine("Return only JSON: {\"reply\", \"intent\", \"product_ids\", \"lead_signals\", \"handoff\", \"handoff_reason\", \"confidence\"}.");
        return sb.ToString();
    }

    private static string Iqd(long amount) => amount.ToString("N0", CultureInfo.InvariantCulture) + " IQD";

    private static string Platform(ChannelPlatform p) => p switch
    {
        ChannelPlatform.Instagram => "Instagram",
        ChannelPlatform.Messenger => "Facebook Messenger",
        _ => "WhatsApp",
    };

    private static string Dialect(string? dialect) => dialect?.Trim().ToLowerInvariant() switch
    {
        null or "" or "iraqi" => "Iraqi Arabic dialect (e.g. شكد، اكو، هسه، ماكو)",
        "msa" => "Modern Standard Arabic",
        "en" or "english" => "English",
        var other => other,
    };
}
