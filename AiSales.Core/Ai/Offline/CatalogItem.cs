namespace AiSales.Core.Ai.Offline;

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
    bool Active = true);

/// <summary>A catalog item that matched the customer's text, with a 0..1 score and the words that matched.</summary>
public sealed record ProductMatch(CatalogItem Item, double Score, IReadOnlyList<string> MatchedWords);
