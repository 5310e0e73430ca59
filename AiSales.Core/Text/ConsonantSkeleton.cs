namespace AiSales.Core.Text;

/// <summary>
/// The consonants of a word, in one alphabet for Arabic script and Arabizi, so "3baya" and "عباية", "mtarraza" and
/// "مطرزة" compare equal. Letters Arabizi writes the same way share a class (ت/ط "t", س/ص "s", ذ/ز/ظ "z", ح/ه "h",
/// ك/ق "k"); vowels and long vowels (ا و ي, a e i o u w y), hamza, a final ه/ة and doubled letters are dropped.
/// Works on normalised text (<see cref="ArabicNormalizer"/>: lower-case Latin, folded Arabic letters).
/// </summary>
public static class ConsonantSkeleton
{
    public static string Of(string word)
    {
        var skeleton = new System.Text.StringBuilder(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            var next = i + 1 < word.Length ? word[i + 1] : '\0';
            var (letter, used) = Class(word[i], next);
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
    /// "seifi" is "صيفي", "3bayat" "عبايات" — and "عباية", since "-at" is the plural ending of a word with a final ة.
    /// Both words normalised. Two-consonant words ("صيفي", "عباية") need the Latin spelling about as long as the Arabic
    /// one, so that short English words do not read as them.
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
        var target = Of(arabic);
        if (Matches(Of(spelled)))
        {
            return true;
        }

        // "3bayat", "shantat": the sound feminine plural of the Arabic singular.
        return spelled.Length >= 5 && spelled.EndsWith("at", StringComparison.Ordinal) && Matches(Of(spelled[..^2]));

        bool Matches(string skeleton) =>
            skeleton == target && (skeleton.Length >= 3 || (skeleton.Length == 2 && Math.Abs(spelled.Length - arabic.Length) <= 1 && spelled.Length >= 4));
    }

    /// <summary>The consonant class of a letter (with the next one for Latin pairs such as "sh", "kh", "gh", "th").</summary>
    private static (char Letter, int ExtraUsed) Class(char c, char next) => c switch
    {
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
