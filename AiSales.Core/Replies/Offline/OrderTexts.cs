using System.Globalization;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Replies.Offline;

/// <summary>What the assistant says about the order in progress while the customer looks at something else.</summary>
internal static class OrderTexts
{
    /// <summary>"1 × دشداشة رجالي، 2 × هودي شتوي": the order in a few words, so the customer knows which one is meant.</summary>
    public static string OrderInShort(this ReplyPhrases p, IEnumerable<(CartLine Line, CatalogItem Item)> lines) =>
        p.List(lines.Select(l => l.Line.Quantity.ToString(CultureInfo.InvariantCulture) + " × " + p.Name(l.Item)));

    /// <summary>
    /// Another product asked about while an order is being collected: shall it join the order, and what the order still
    /// needs (or, with its summary waiting, how to place it as it is).
    /// </summary>
    public static string AddToOrder(this ReplyPhrases p, CatalogItem item, string order, IReadOnlyList<string> missing, bool confirming)
    {
        var add = p.Pick(44,
            [$"تحب أضيف{p.It(item)} لطلبك؟", $"أضيف{p.It(item)} ويا طلبك؟"],
            ["Shall I add it to your order?", "Would you like it added to your order?"]);
        if (confirming)
        {
            return add + (p.English
                ? $" Or reply \"confirm\" to place your order ({order}) as it is."
                : $" ولو تريد طلبك ({order}) مثل ما هو، اكتب \"ثبت\".");
        }

        return missing.Count == 0 ? add : add + (p.English
            ? $" Your order ({order}) still needs: {p.List(missing)}."
            : $" وطلبك ({order}) بعده يحتاج: {p.List(missing)}.");
    }

    /// <summary>The order in progress, reminded after an answer about a product that cannot join it (sold out).</summary>
    public static string OrderWaits(this ReplyPhrases p, string order, IReadOnlyList<string> missing, bool confirming) => confirming
        ? (p.English ? $"Your order ({order}) is waiting: reply \"yes\" to place it." : $"طلبك ({order}) ينتظر تأكيدك: اكتب \"اي\" وأثبته.")
        : p.English ? $"Your order ({order}) still needs: {p.List(missing)}." : $"طلبك ({order}) بعده يحتاج: {p.List(missing)}.";

    /// <summary>"كم صار المجموع؟" before the summary: the lines so far, their total and, with the governorate known, the delivery.</summary>
    public static string SoFar(this ReplyPhrases p, IReadOnlyList<(CartLine Line, CatalogItem Item)> lines, Governorate? gov, DeliveryTerms? terms)
    {
        var items = lines.Sum(l => l.Item.PriceIqd * l.Line.Quantity);
        var body = p.List(lines.Select(l => p.Line(l.Line, l.Item)));
        var delivery = gov is null || terms is null ? ""
            : p.English
                ? $" + delivery {p.To(p.GovernorateName(gov))} {p.Price(terms.FeeIqd)} = {p.Price(items + terms.FeeIqd)}"
                : $" + التوصيل {p.To(p.GovernorateName(gov))} {p.Price(terms.FeeIqd)} = {p.Price(items + terms.FeeIqd)}";
        return p.English
            ? $"Your order so far: {body}. Items total {p.Price(items)}{delivery}."
            : $"طلبك لحد هسه: {body}. مجموع القطع {p.Price(items)}{delivery}.";
    }

    /// <summary>A no to the other product: the order goes on where it was.</summary>
    public static string OrderGoesOn(this ReplyPhrases p) => p.Pick(45,
        ["تمام، نكمل طلبك.", "ماشي، نكمل على طلبك."],
        ["Okay, let's carry on with your order.", "Sure, back to your order."]);
}
