using AiSales.Core.Ai.Text;

namespace AiSales.Core.Ai.Offline;

/// <summary>
/// Fuzzy product lookup: customer words against each product's Arabic and English names and aliases,
/// after normalisation, with particle stripping (الجاكيت → جاكيت) and an edit-distance allowance for typos
/// (جاكيط, jakcet). Intent words and fillers never count, so "هلو" or "شكد سعره" match nothing.
/// </summary>
public static class ProductMatcher
{
    /// <summary>Below this a match is noise.</summary>
    public const double Threshold = 0.5;

    // Fillers that appear in product questions but say nothing about which product.
    private static readonly HashSet<string> Fillers = new[]
    {
        "من", "في", "على", "عن", "الى", "هذا", "هذه", "هذي", "هاذ", "هاي", "هاذي", "ذا", "بس", "يا", "و", "او", "لو", "اني", "انت", "انتم",
        "شنو", "شو", "شي", "كل", "مال", "مالت", "مالتكم", "ماله", "مالها", "واحد", "وحده", "حبيبي", "حبيبتي", "اخي", "اخوي", "عيني", "رجاء", "لطفا", "ممكن",
        "the", "a", "an", "is", "are", "of", "for", "to", "and", "or", "this", "that", "it", "do", "you", "your", "have", "what", "me", "my", "please", "pls", "plz", "i", "can", "much", "how",
    }.Select(ArabicNormalizer.Normalize).ToHashSet(StringComparer.Ordinal);

    public static IReadOnlyList<ProductMatch> Match(string? text, IEnumerable<CatalogItem> catalog) =>
        Match(IntentDetector.Prepare(text), catalog);

    public static IReadOnlyList<ProductMatch> Match(NormalizedMessage message, IEnumerable<CatalogItem> catalog)
    {
        var words = MeaningfulWords(message);
        if (words.Count == 0)
        {
            return [];
        }

        var matches = new List<ProductMatch>();
        foreach (var item in catalog)
        {
            if (!item.Active)
            {
                continue;
            }

            ProductMatch? best = null;
            foreach (var name in NamesOf(item))
            {
                var (score, matched) = ScoreName(name, words);
                if (score >= Threshold && (best is null || score > best.Score))
                {
                    best = new ProductMatch(item, score, matched);
                }
            }

            if (best is not null)
            {
                // Break ties by how much of what the customer said this product explains:
                // "الجاكيت الجينز" prefers "جاكيت جينز" over a product whose alias is just "جاكيت".
                var explained = CustomerCoverage(item, words);
                matches.Add(best with { Score = Math.Round((0.85 * best.Score) + (0.15 * explained), 3) });
            }
        }

        return matches
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.Item.NameAr, StringComparer.Ordinal)
            .ThenBy(m => m.Item.Id)
            .ToArray();
    }

    private static double CustomerCoverage(CatalogItem item, List<string[]> words)
    {
        var nameTokens = NamesOf(item).SelectMany(ArabicNormalizer.Tokenize).Select(StripArticle).ToArray();
        var explained = words.Count(variants => variants.Any(w => nameTokens.Any(n => WordSimilarity(n, w) >= 0.7)));
        return (double)explained / words.Count;
    }

    private static string StripArticle(string t) => t.Length > 4 && t.StartsWith("ال", StringComparison.Ordinal) ? t[2..] : t;

    private static IEnumerable<string> NamesOf(CatalogItem item)
    {
        yield return item.NameAr;
        if (!string.IsNullOrWhiteSpace(item.NameEn))
        {
            yield return item.NameEn;
        }

        foreach (var alias in item.Aliases)
        {
            yield return alias;
        }
    }

    // Customer words with particles stripped, minus intent cues and fillers.
    private static List<string[]> MeaningfulWords(NormalizedMessage message)
    {
        var words = new List<string[]>();
        foreach (var token in message.Tokens)
        {
            var variants = ArabicNormalizer.WithoutPrefixes(token).ToArray();
            if (variants.Any(IsQuestionWord) || token.All(char.IsAsciiDigit))
            {
                continue;
            }

            words.Add(variants);
        }

        return words;
    }

    private static bool IsQuestionWord(string v)
    {
        if (IntentLexicon.CueWords.Contains(v) || Fillers.Contains(v))
        {
            return true;
        }

        foreach (var stem in IntentLexicon.CueStems)
        {
            if (v.StartsWith(stem, StringComparison.Ordinal))
            {
                return true; // سعره، سعرها، الوانه
            }
        }

        return false;
    }

    // Half coverage (how much of the name the customer said), half the best single-word quality:
    // "الجاكيت" alone still finds "جاكيت جلد اسود", while "جلد" alone scores lower than "جاكيت جلد".
    private static (double Score, IReadOnlyList<string> Matched) ScoreName(string name, List<string[]> words)
    {
        var nameTokens = ArabicNormalizer.Tokenize(name)
            .Select(StripArticle)
            .Where(t => !Fillers.Contains(t))
            .ToArray();
        if (nameTokens.Length == 0)
        {
            return (0, []);
        }

        double total = 0;
        double best = 0;
        var matched = new List<string>();
        foreach (var nameToken in nameTokens)
        {
            double tokenBest = 0;
            foreach (var variants in words)
            {
                foreach (var w in variants)
                {
                    tokenBest = Math.Max(tokenBest, WordSimilarity(nameToken, w));
                }
            }

            if (tokenBest > 0)
            {
                matched.Add(nameToken);
            }

            total += tokenBest;
            best = Math.Max(best, tokenBest);
        }

        return ((0.5 * total / nameTokens.Length) + (0.5 * best), matched);
    }

    internal static double WordSimilarity(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1;
        }

        var shorter = Math.Min(a.Length, b.Length);
        if (shorter < 3)
        {
            return 0; // two-letter words only match exactly
        }

        // Plural/possessive endings: "جاكيتات", "قميصك" start with the product word.
        if (shorter >= 4 && (a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal)) && Math.Abs(a.Length - b.Length) <= 2)
        {
            return 0.85;
        }

        var allowed = shorter >= 7 ? 2 : shorter >= 4 ? 1 : 0;
        if (allowed == 0 || Math.Abs(a.Length - b.Length) > allowed)
        {
            return 0;
        }

        var distance = EditDistance.Osa(a, b, allowed);
        return distance <= allowed ? 0.8 - (0.1 * (distance - 1)) : 0;
    }
}
