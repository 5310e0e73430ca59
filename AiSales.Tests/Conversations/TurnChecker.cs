namespace AiSales.Tests.Conversations;

/// <summary>
/// Checks one turn's replies against its expectations (no I/O): exactly one reply, in the customer's script, about the
/// expected product at its catalog price, with every amount explained by the catalog and the delivery fees, a hand-off
/// announced when expected (and none when not), unavailability said with alternatives, the missing details asked for,
/// the order summary's totals.
/// </summary>
public static class TurnChecker
{
    public static void Check(Dialogue dialogue, DialogueTurn turn, TurnResult result, ShopCatalog catalog, bool handedOff, HashSet<long> allowed)
    {
        var f = result.Failures;
        if (turn.ExpectHandoff) result.HandoffAnnounced = result.Answered && handedOff;

        if (!result.Answered)
        {
            f.Add(handedOff && !turn.ExpectHandoff
                ? "no reply (the conversation had been handed to a person)"
                : turn.ExpectHandoff ? "hand-off not announced: no reply" : "no reply");
            if (turn.ExpectProduct is not null) { result.ProductRight = false; result.PriceRight = false; }
            return;
        }
        if (result.Replies.Count > 1) f.Add($"expected exactly one reply, got {result.Replies.Count}");

        var reply = string.Join("\n", result.Replies);

        if (ReplyReading.ExpectedScript(dialogue.Style) is { } script && ReplyReading.DominantScript(reply) != script)
            f.Add($"reply not in the customer's language (expected {(script == ReplyReading.Script.Arabic ? "Arabic script" : "English")})");

        var amounts = ReplyAmounts.Extract(reply);
        var unexplained = amounts.Where(a => !allowed.Contains(a)).Distinct().ToList();
        result.AmountsExplained = unexplained.Count == 0;
        if (unexplained.Count > 0)
            f.Add($"amounts not from the catalog or delivery fees: {string.Join(", ", unexplained.Select(a => a.ToString("N0")))}");

        if (turn.ExpectProduct is { } sku)
        {
            var product = catalog[sku];
            var pricePresent = amounts.Contains(product.PriceIqd);
            var namesOther = catalog.Products.Where(p => p.Sku != product.Sku).Where(p => ReplyReading.NamesProduct(reply, p)).Select(p => p.Sku).ToList();
            result.PriceRight = pricePresent;
            result.ProductRight = ReplyReading.NamesProduct(reply, product) || (pricePresent && namesOther.Count == 0);
            if (result.ProductRight != true)
                f.Add($"not about {sku} ({product.NameAr} / {product.NameEn})" + (namesOther.Count > 0 ? $"; names {string.Join(", ", namesOther)} instead" : ""));
            if (!pricePresent) f.Add($"catalog price of {sku} ({product.PriceIqd:N0}) not in the reply");
        }

        if (turn.ExpectHandoff && !handedOff) f.Add("hand-off expected: the reply came but the conversation was not handed to a person");
        if (!turn.ExpectHandoff && handedOff) f.Add("unexpected hand-off to a person");

        if (turn.ExpectUnavailable && !ReplyReading.SaysUnavailable(reply))
            f.Add("expected the reply to say plainly that it is not available");
        if (turn.ExpectAlternatives)
        {
            var alternatives = catalog.Products.Where(p => !string.Equals(p.Sku, turn.UnavailableSku, StringComparison.OrdinalIgnoreCase))
                .Where(p => ReplyReading.MentionsProduct(reply, p)).ToList();
            if (alternatives.Count == 0) f.Add("expected the reply to name products the shop does sell");
        }

        foreach (var slot in turn.ExpectAsks)
            if (!ReplyReading.Asks(reply, slot)) f.Add($"expected the reply to ask for the {slot}");

        if (turn.ExpectAsksAny.Count > 0 && !turn.ExpectAsksAny.Any(slot => ReplyReading.Asks(reply, slot)))
            f.Add($"expected the reply to ask for one of: {string.Join(", ", turn.ExpectAsksAny)}");

        if (turn.ExpectFee is { } governorate && !amounts.Contains(catalog.FeeFor(governorate)))
            f.Add($"delivery fee for {governorate} ({catalog.FeeFor(governorate):N0}) not in the reply");

        if (turn.ExpectSummary)
        {
            if (dialogue.ExpectOrder is not { } order) f.Add("expect_summary needs the dialogue's expect_order");
            else
            {
                var items = order.Items.Sum(i => catalog[i.Sku].PriceIqd * i.Quantity);
                var fee = catalog.FeeFor(order.Governorate);
                foreach (var (what, amount) in new[] { ("items total", items), ("delivery fee", fee), ("grand total", items + fee) })
                    if (!amounts.Contains(amount)) f.Add($"order summary without the {what} ({amount:N0})");
            }
        }

        foreach (var amount in turn.ExpectAmounts)
            if (!amounts.Contains(amount)) f.Add($"expected the amount {amount:N0} in the reply");

        if (turn.ExpectMentionsAny.Count > 0 && !ReplyReading.MentionsAny(reply, turn.ExpectMentionsAny))
            f.Add($"expected the reply to mention one of: {string.Join(", ", turn.ExpectMentionsAny)}");
    }
}
