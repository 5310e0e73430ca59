using AiSales.Core.Text;

namespace AiSales.Core.Replies.Offline;

/// <summary>Who a product is for, or who the customer is buying for.</summary>
public enum Audience { Men, Women, Kids }

/// <summary>
/// "هدية لزوجي", "شي لبنتي", "something for my wife": who the customer shops for; and who a product is for, from the words
/// shops put in product names (رجالي، نسائية، أطفال, Men's, Women's, Kids') and the garments only one of them wears here.
/// A product without such a word is for anyone.
/// </summary>
public static class Audiences
{
    private static readonly (Audience Audience, HashSet<string> Words)[] Recipients =
    [
        (Audience.Men, Set("زوجي", "رجلي", "ابوي", "بابا", "والدي", "اخوي", "خطيبي", "صديقي", "رجال", "رجالي", "husband", "dad", "father", "brother",
            "boyfriend", "fiance", "him", "men", "zawji", "abuya", "a5uya")),
        (Audience.Women, Set("زوجتي", "مرتي", "امي", "ماما", "والدتي", "اختي", "خطيبتي", "صديقتي", "نسائي", "نساء", "wife", "mom", "mum", "mother",
            "sister", "girlfriend", "fiancee", "her", "women", "lady", "zawjti", "marti", "a5ti")),
        (Audience.Kids, Set("ابني", "بنتي", "ولدي", "اطفال", "طفل", "طفلي", "جهال", "son", "daughter", "kid", "kids", "child", "children", "baby", "ibni", "binti")),
    ];

    private static readonly (Audience Audience, HashSet<string> Words)[] ProductWords =
    [
        (Audience.Kids, Set("اطفال", "ولادي", "بناتي", "kids", "children", "baby")),
        (Audience.Women, Set("نسائي", "نسائيه", "حريمي", "women", "ladies", "عبايه", "فستان", "حجاب", "شيله", "abaya", "dress", "hijab")),
        (Audience.Men, Set("رجالي", "رجاليه", "men", "دشداشه")),
    ];

    /// <summary>Who the customer is buying for, when the message says it; null otherwise or when it names several.</summary>
    public static Audience? For(NormalizedMessage message)
    {
        var named = Recipients.Where(r => message.Tokens.Any(t => ArabicNormalizer.WithoutPrefixes(t).Any(r.Words.Contains))).Select(r => r.Audience).ToList();
        return named.Count == 1 ? named[0] : null;
    }

    /// <summary>Who a product is for, from its names and aliases; null for anyone.</summary>
    public static Audience? Of(CatalogItem item)
    {
        var words = ArabicNormalizer.Tokenize($"{item.NameAr} {item.NameEn}").ToHashSet(StringComparer.Ordinal);
        foreach (var (audience, markers) in ProductWords)
        {
            if (words.Overlaps(markers))
            {
                return audience;
            }
        }

        return null;
    }

    private static HashSet<string> Set(params string[] words) =>
        words.SelectMany(ArabicNormalizer.Tokenize).ToHashSet(StringComparer.Ordinal);
}
