using AiSales.Core.Text;


namespace AiSales.Core.Replies.Offline;

/// <summary>How close a customer's word is to a product word: typos, plurals, possessive endings and Arabizi spellings.</summary>
public static partial class ProductMatcher
{
    private static bool ArabiziSpelling(string latin, string arabic) =>
        !IntentLexicon.IsEnglishWord(latin) && !SlotExtractor.IsDetailWord(latin) && ConsonantSkeleton.SameWordAcrossScripts(latin, arabic);

    /// <summary>How close the customer's word <paramref name="b"/> is to the catalog's word <paramref name="a"/>, 0 to 1.</summary>
    internal static double WordSimilarity(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1;
        }

        if (EnglishWordForms.Similarity(a, b) is > 0 and var english)
        {
            return english;
        }

        // Sound feminine plurals: "بجامات" is "بجامه"s, "جنطات" "جنطه"s.
        if (Math.Max(a.Length, b.Length) >= 5 && Math.Min(a.Length, b.Length) >= 4 && ((a.EndsWith("ات", StringComparison.Ordinal) && b.EndsWith('ه') && a[..^2] == b[..^1])
            || (b.EndsWith("ات", StringComparison.Ordinal) && a.EndsWith('ه') && b[..^2] == a[..^1])))
        {
            return 0.85;
        }

        // Broken plurals ("احذيه" of "حذاء", "قمصان" of "قميص", "فساتين" of "فستان"), either way round: the catalog may
        // list the plural and the customer write the singular.
        if (ArabicPlurals.IsPluralOf(a, b) || ArabicPlurals.IsPluralOf(b, a))
        {
            return 0.85;
        }

        // The customer's Arabizi against the catalog's Arabic: "fasatin" is "فساتين", "seifi" "صيفي" — a shop need not
        // list every Latin spelling as an alias. Not the other way: the catalog's Latin words are English names
        // ("chiffon" is not "شوفني"), and an Arabic word the customer writes has the Arabic name to match.
        if (ArabiziSpelling(latin: b, arabic: a))
        {
            return 0.85;
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

        // Typos keep the first letter ("جاكيط", "jakcet"; Arabizi digits aside: "3baya" is "abaya"); without this rule
        // "ايفون" read as "شيفون" and "بنطال" as "نعال".
        var allowed = shorter >= 7 ? 2 : shorter >= 4 ? 1 : 0;
        if (allowed == 0 || Math.Abs(a.Length - b.Length) > allowed || (a[0] != b[0] && !char.IsAsciiDigit(a[0]) && !char.IsAsciiDigit(b[0])))
        {
            return 0;
        }

        var distance = EditDistance.Osa(a, b, allowed);
        return distance <= allowed ? 0.8 - (0.1 * (distance - 1)) : 0;
    }
}
