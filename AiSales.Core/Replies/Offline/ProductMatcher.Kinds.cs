using AiSales.Core.Text;


namespace AiSales.Core.Replies.Offline;

/// <summary>What a message that names only a kind of product ("عبايات", "abaya", "فساتين") means.</summary>
/// <param name="Items">The named product first, then the others of its kind; just the named product when the message said more.</param>
/// <param name="Plural">The customer used a plural form ("عبايات", "dresses"), asking about the kind rather than one product.</param>
public sealed record ProductKind(IReadOnlyList<CatalogItem> Items, bool Plural);

public static partial class ProductMatcher
{
    /// <summary>Most products a kind question lists; a shop with more of one kind gets the first ones and a question back.</summary>
    private const int KindListLimit = 6;

    /// <summary>
    /// The products of the same kind as <paramref name="named"/> when the message named it only by its kind: "عبايات",
    /// "abaya", "فساتين" matched one product through its plain kind word or a one-word alias, but "عباية مطرزة" and
    /// "فستان صيفي" are the same kind (their names start with the same noun in Arabic, or end with it in English). A word
    /// only that product's name has ("مطرزة", "سهرة") names it alone. Sizes, colours and places are not looked at here.
    /// </summary>
    public static ProductKind KindOf(CatalogItem named, NormalizedMessage message, IReadOnlyList<CatalogItem> catalog)
    {
        var kinds = KindWords(named);
        var tokens = NamesOf(named).SelectMany(Words).Select(StripArticle).ToArray();
        var words = MeaningfulWords(message, catalog)
            .Where(v => !v.Any(SlotExtractor.IsDetailWord) && !v.Any(IsPlaceWord))
            .Where(v => v.Any(w => tokens.Any(n => WordSimilarity(n, w) >= 0.7)))
            .ToList();
        var plainWords = kinds.Concat(KindAliases(named, kinds)).ToList();
        if (kinds.Count == 0 || words is not [var word] || !word.Any(v => plainWords.Any(k => WordSimilarity(k, v) >= 0.85)))
        {
            return new ProductKind([named], Plural: false);
        }

        var plural = !word.Any(v => tokens.Contains(v)) && word.Any(LooksPlural);
        return new ProductKind([named, .. catalog.Where(c => c.Active && c.Id != named.Id && KindWords(c).Overlaps(kinds)).Take(KindListLimit - 1)], plural);
    }

    /// <summary>
    /// One-word aliases that name the kind ("عبايه", "3baya", "فساتين", "قندرة"), not what sets this product apart
    /// ("mtarraza" is the embroidered abaya's "مطرزة"): an alias that spells another word of the product's names is the latter.
    /// </summary>
    private static IEnumerable<string> KindAliases(CatalogItem item, HashSet<string> kinds)
    {
        var others = NamesOf(item).SelectMany(Words).Select(StripArticle).Where(t => !kinds.Contains(t)).ToList();
        return item.Aliases.Select(a => Words(a).ToArray()).Where(t => t.Length == 1).Select(t => StripArticle(t[0]))
            .Where(a => !others.Any(o => o != a && (WordSimilarity(o, a) >= 0.7 || SameConsonants(o, a))));
    }

    private static bool SameConsonants(string a, string b) =>
        ConsonantSkeleton.Of(a) is { Length: >= 3 } skeleton && skeleton == ConsonantSkeleton.Of(b);

    // "عبايات", "قمصان" is an alias, "dresses", "3bayat": the common plural endings, on a word that is not itself a name.
    private static bool LooksPlural(string word) =>
        word.Length >= 5 && (word.EndsWith("ات", StringComparison.Ordinal) || word.EndsWith("at", StringComparison.Ordinal)
            || (word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal)));

    private static HashSet<string> KindWords(CatalogItem item)
    {
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        if (Words(item.NameAr).Select(StripArticle).FirstOrDefault() is { Length: >= 3 } arabic)
        {
            kinds.Add(arabic);
        }

        if (!string.IsNullOrWhiteSpace(item.NameEn) && Words(item.NameEn).LastOrDefault() is { Length: >= 3 } english)
        {
            kinds.Add(english);
        }

        return kinds;
    }
}
