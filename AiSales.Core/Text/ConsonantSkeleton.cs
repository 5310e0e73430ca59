namespace AiSales.Core.Text;

/// <summary>
/// The consonants of a word, in one alphabet for Arabic script and Arabizi, so "3baya" and "عباية", "mtarraza" and
/// "مطرزة" compare equal. Letters Arabizi writes the same way share a class (ت/ط "t", س/ص "s", ذ/ز/ظ "z", ح/ه "h",
/// ك/ق "k"); vowels and long vowels (ا و ي, a e i o u w y), hamza, a final ه/ة and doubled letters are dropped.
/// Works on normalised text (<see cref="ArabicNormalizer"/>: lower-case Latin, folded Arabic letters).
/// </summary>
public static class ConsonantSkeleton
{
    public static string Of(string word) => Of(word, strict: false);

    /// <param name="strict">ح ("7") and ه ("h") kept apart.</param>
    private static string Of(string word, bool strict)
    {
        var skeleton = new System.Text.StringBuilder(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            var next = i + 1 < word.Length ? word[i + 1] : '\0';
            var (letter, used) = Class(word[i], next, strict);
            i += used;
            if (letter == '\0' || (letter == 'h' && i == word.Length - 1 && word[i] is 'ه'))
            {
                continue; // a vowel, or the feminine ending
            }

            if (skeleton.Length == 0 || skeleton[^1] != letter)
            {
                skeleton.Append(letter);
            }
        }

        return skeleton.ToString();
    }

    /// <summary>
    /// Whether a Latin (Arabizi) word spells an Arabic-script word: "fasatin" and "fustan" are "فساتين" and "فستان",
    /// "seifi" is "صيفي", "3bayat" "عبايات" — and "عباية", since "-at" is the plural ending of a word with a final ة; a broken
    /// plural of the Arabic word counts too ("a7thiya" is "احذية" of "حذاء", "qumsan" "قمصان" of "قميص":
    /// <see cref="ArabicPlurals"/>). Both words normalised.
    /// </summary>
    public static bool SameWordAcrossScripts(string latin, string arabic)
    {
        if (latin.Length < 3 || arabic.Length < 3 || !latin.All(char.IsAsciiLetterOrDigit) || !latin.Any(char.IsAsciiLetter)
            || !ArabicNormalizer.IsArabicLetter(arabic[0]))
        {
            return false;
        }

        // A final "ah"/"eh" is the feminine ending, as a final ة/ه is in Arabic script.
        var spelled = latin.Length > 3 && latin[^1] == 'h' && latin[^2] is 'a' or 'e' ? latin[..^1] : latin;
        // "3bayat", "shantat": the sound feminine plural of the Arabic singular.
        var withoutAt = spelled.Length >= 5 && spelled.EndsWith("at", StringComparison.Ordinal) ? spelled[..^2] : null;
        foreach (var form in ArabicPlurals.Of(arabic).Prepend(arabic))
        {
            if (Spells(spelled, form) || (withoutAt is not null && Spells(withoutAt, form)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Same consonants. A word of two consonants ("صيفي", "عباية", "حذاء") is easily another word ("hatha" is هذا, "wa7ad"
    /// واحد), so there ح and ه stay apart (Arabizi writes ح as "7") and the long vowels of the Arabic word must be written:
    /// the Latin spelling is about as long as the Arabic one, or has a vowel wherever the Arabic word has one and adds
    /// at most the short vowels between the consonants ("riyadiya" رياضية, "7itha" حذاء).
    /// </summary>
    private static bool Spells(string latin, string arabic)
    {
        var skeleton = Of(latin);
        if (skeleton != Of(arabic))
        {
            return false;
        }

        if (skeleton.Length >= 3)
        {
            return true;
        }

        if (skeleton.Length < 2 || Of(latin, strict: true) != Of(arabic, strict: true))
        {
            return false;
        }

        return (Math.Abs(latin.Length - arabic.Length) <= 1 && latin.Length >= 4) || VowelsWritten(latin, arabic);
    }

    /// <summary>
    /// Where the vowels are, around and between the consonants: the Arabic word's long vowels (and a final ة, said "a")
    /// all appear in the Latin one, which may add a vowel only between two consonants (a short vowel Arabic does not write).
    /// </summary>
    private static bool VowelsWritten(string latin, string arabic)
    {
        var l = VowelSlots(latin);
        var a = VowelSlots(arabic);
        if (l.Count != a.Count || l[0] != a[0] || l[^1] != a[^1])
        {
            return false;
        }

        for (var i = 1; i < a.Count - 1; i++)
        {
            if (a[i] && !l[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>For each gap — before the first consonant, between two, after the last — whether a vowel is there.</summary>
    private static List<bool> VowelSlots(string word)
    {
        var slots = new List<bool> { false };
        var lastConsonant = '\0';
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            var vowel = c is 'a' or 'e' or 'i' or 'o' or 'u' or 'w' or 'y' or 'ا' or 'و' or 'ي' || (c == 'ه' && i == word.Length - 1 && i > 0);
            if (vowel)
            {
                slots[^1] = true;
                continue;
            }

            var next = i + 1 < word.Length ? word[i + 1] : '\0';
            var (letter, used) = Class(c, next, strict: false);
            i += used;
            if (letter == '\0' || letter == lastConsonant)
            {
                continue; // hamza, an Arabizi "2", a doubled letter
            }

            lastConsonant = letter;
            slots.Add(false);
        }

        return slots;
    }

    /// <summary>The consonant class of a letter (with the next one for Latin pairs such as "sh", "kh", "gh", "th").</summary>
    private static (char Letter, int ExtraUsed) Class(char c, char next, bool strict) => c switch
    {
        'ح' or '7' when strict => ('ḥ', 0),
        's' when next == 'h' => ('š', 1),
        'k' when next == 'h' => ('x', 1),
        'g' when next == 'h' => ('ġ', 1),
        't' or 'd' when next == 'h' => ('z', 1),
        'c' when next == 'h' => ('š', 1),
        'ب' or 'b' or 'p' => ('b', 0),
        'ت' or 'ط' or 't' or '6' => ('t', 0),
        'ث' => ('s', 0),
        'ج' or 'j' => ('j', 0),
        'ح' or 'ه' or '7' or 'h' => ('h', 0),
        'خ' or '5' or 'x' => ('x', 0),
        'د' or 'ض' or 'd' => ('d', 0),
        'ذ' or 'ز' or 'ظ' or 'z' => ('z', 0),
        'ر' or 'r' => ('r', 0),
        'س' or 'ص' or 's' or '9' => ('s', 0),
        'ش' => ('š', 0),
        'ع' or '3' => ('3', 0),
        'غ' => ('ġ', 0),
        'ف' or 'f' or 'v' => ('f', 0),
        'ق' or 'ك' or 'q' or 'k' or '8' or 'g' or 'c' => ('k', 0),
        'ل' or 'l' => ('l', 0),
        'م' or 'm' => ('m', 0),
        'ن' or 'n' => ('n', 0),
        _ => ('\0', 0), // vowels (ا و ي a e i o u w y), hamza and anything else
    };
}
