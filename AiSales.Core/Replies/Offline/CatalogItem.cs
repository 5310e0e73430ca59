namespace AiSales.Core.Replies.Offline;

/// <summary>
/// What the offline responder needs to know about one product. The caller maps its own product entity
/// to this, so the responder never depends on persistence.
/// </summary>
public sealed record CatalogItem(
    Guid Id,
    string NameAr,
    string? NameEn,
    IReadOnlyList<string> Aliases,
    long PriceIqd,
    int Stock,
    IReadOnlyList<string> Sizes,
    IReadOnlyList<string> Colours,
    bool Active = true,
    string? Sku = null,
    Persistence.Entities.GrammaticalGender? Gender = null,
    string? ImageUrl = null)
{
    /// <summary>Arabic agreement: the merchant's setting, else a name whose first word ends in ة is feminine.</summary>
    public bool IsFeminine => Gender is { } g
        ? g == Persistence.Entities.GrammaticalGender.Feminine
        : NameAr.Trim().Split(' ')[0] is var first && (first.EndsWith('ة') || first.EndsWith("ات", StringComparison.Ordinal));
}

/// <summary>A catalog item that matched the customer's text, with a 0..1 score and the words that matched.</summary>
public sealed record ProductMatch(CatalogItem Item, double Score, IReadOnlyList<string> MatchedWords);
