using AiSales.Core.Replies.Offline;
using AiSales.Core.Text;


namespace AiSales.Core.Replies;

/// <summary>The guard's verdict: the amounts in the reply that no catalog or delivery price explains.</summary>
public sealed record PriceCheck(IReadOnlyList<long> Mentioned, IReadOnlyList<long> Unexplained, IReadOnlyList<CatalogItem> NamedProducts)
{
    public bool Passed => Unexplained.Count == 0;
}

/// <summary>
/// Made-up prices are the failure merchants fear most. Every amount in a reply (<see cref="PriceMentions"/>) must be
/// the catalog price of a product the reply is about — listed in the model's product_ids (ids that are not in the
/// catalog count for nothing) or named in the text — or one of the merchant's delivery fees, or such a price plus a
/// delivery fee (a quoted total). Anything else fails, including a real price of a product the reply never names.
/// </summary>
public static class PriceGuard
{
    public static PriceCheck Check(string reply, IReadOnlyCollection<Guid> productIds, IReadOnlyList<CatalogItem> catalog, DeliveryOptions delivery)
    {
        var mentioned = PriceMentions.Extract(reply);
        var named = NamedProducts(reply, productIds, catalog);
        if (mentioned.Count == 0)
            return new PriceCheck(mentioned, [], named);

        var fees = delivery.ByGovernorate.Values.Append(delivery.Default).Select(t => t.FeeIqd).Where(f => f > 0).ToHashSet();
        var allowed = new HashSet<long>(fees);
        foreach (var product in named)
        {
            allowed.Add(product.PriceIqd);
            foreach (var fee in fees)
                allowed.Add(product.PriceIqd + fee);
        }

        var unexplained = mentioned.Where(m => !allowed.Contains(m)).Distinct().ToList();
        return new PriceCheck(mentioned, unexplained, named);
    }

    /// <summary>Products the reply is about: valid ids from the model, plus products whose name appears in the text.</summary>
    public static IReadOnlyList<CatalogItem> NamedProducts(string reply, IReadOnlyCollection<Guid> productIds, IReadOnlyList<CatalogItem> catalog)
    {
        var message = new NormalizedMessage(reply);
        return catalog.Where(p => productIds.Contains(p.Id) || Names(p).Any(n => Mentions(message, n))).ToList();
    }

    private static IEnumerable<string> Names(CatalogItem p) =>
        new[] { p.NameAr, p.NameEn }.Concat(p.Aliases).OfType<string>().Where(n => n.Length > 0);

    private static bool Mentions(NormalizedMessage message, string name)
    {
        var tokens = ArabicNormalizer.Tokenize(name);
        return tokens.Length > 0 && tokens.All(t => ArabicNormalizer.WithoutPrefixes(t).Any(message.HasToken));
    }
}
