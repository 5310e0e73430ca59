using AiSales.Core.Text;


namespace AiSales.Core.Replies.Offline;

/// <summary>How close a customer's word is to a product word: typos, plurals, possessive endings and Arabizi spellings.</summary>
public static partial class ProductMatcher
{
    /// <summary>
    /// The commonest broken plurals of a three-letter word, which share no prefix with it: فعول ("عطور" of "عطر"), أفعل
    /// ("اطقم" of "طقم") and أفعال ("اقلام" of "قلم"); and فُعَل of a فُعلة ("شنط" of "شنطه"), except where that three-letter
    /// word is a common word of its own ("شيل" is "remove", not shawls; "ريح" is wind).
    /// </summary>
    private static bool BrokenPlural(string plural, string singular) => QuadriliteralPlural(plural, singular) || singular.Length == 3 && ArabicNormalizer.IsArabicLetter(singular[0]) && (
        (plural.Length == 4 && plural[2] == 'و' && plural[0] == singular[0] && plural[1] == singular[1] && plural[3] == singular[2])
        || (plural.Length == 4 && plural[0] == 'ا' && plural.AsSpan(1).SequenceEqual(singular))
        || (plural.Length == 5 && plural[0] == 'ا' && plural[3] == 'ا' && plural[1] == singular[0] && plural[2] == singular[1] && plural[4] == singular[2]))
        || (singular.Length == 4 && singular[3] == 'ه' && plural.Length == 3 && ArabicNormalizer.IsArabicLetter(plural[0])
            && singular.StartsWith(plural, StringComparison.Ordinal) && plural is not ("شيل" or "ريح"));

    /// <summary>
    /// فعاليل and فعالل of a four-consonant word: "دشاديش" of "دشداشه", "فساتين" of "فستان", "قنادر" of "قندره" (the
    /// singular's long vowels and final ه dropped, then ا after the second consonant and ي before the last).
    /// </summary>
    private static bool QuadriliteralPlural(string plural, string singular)
    {
        if (plural.Length is < 5 or > 6 || singular.Length < 4 || !ArabicNormalizer.IsArabicLetter(singular[0]) || plural[2] != 'ا')
        {
            return false;
        }

        var stem = singular.EndsWith('ه') ? singular[..^1] : singular;
        var skeleton = stem[0] + new string(stem[1..].Where(c => c is not ('ا' or 'و' or 'ي')).ToArray());
        if (skeleton.Length != 4 || plural[0] != skeleton[0] || plural[1] != skeleton[1] || plural[^1] != skeleton[3])
        {
            return false;
        }

        return plural.Length == 6 ? plural[3] == skeleton[2] && plural[4] == 'ي' : plural[3] == skeleton[2];
    }

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

        if (BrokenPlural(a, b) || BrokenPlural(b, a))
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
