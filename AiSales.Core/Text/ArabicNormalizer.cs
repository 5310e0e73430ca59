using System.Text;

namespace AiSales.Core.Text;

/// <summary>
/// Folds the many ways Iraqi customers spell the same word into one matching form.
/// The output is for matching only; never show it to a person.
/// </summary>
/// <remarks>
/// Letter mapping choices (why):
/// <list type="bullet">
/// <item>أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي, standalone ء dropped (but اءة → اية: عباءة is عباية): customers use these interchangeably.</item>
/// <item>گ → ك: Iraqis write the same /g/ word both ways (شگد = شكد).</item>
/// <item>چ → ك: in Iraqi dialect چ is almost always the spoken form of ك (احچي = احكي, چم = كم, چبير = كبير);
/// the rarer loanword use as ج (چاي) loses little, because we never match on that letter alone.</item>
/// <item>ڤ → ف, پ → ب, ژ → ز, Persian ک → ك and ی → ي: keyboards and loanwords.</item>
/// <item>Runs of 3+ identical letters collapse to one (هلووو → هلو) while legitimate doubles stay;
/// digits never collapse (1000 is a number, not a stretched 1).</item>
/// </list>
/// One pass over the characters with a switch, one pass for stretched letters: no regex in the hot path.
/// </remarks>
public static class ArabicNormalizer
{
    /// <summary>Full matching form: letters folded, digits Latin, lower case, punctuation/emoji → single spaces.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // عباءة is the MSA spelling of the عباية Iraqis write (ملاءة/ملاية): a hamza after alef before the feminine ending is
        // the ي they say, not a letter to drop (dropping it leaves "عباه", which matches nothing).
        if (text.Contains('ء'))
        {
            text = text.Replace("اءة", "اية").Replace("اءه", "ايه").Replace("اءات", "ايات");
        }

        var mapped = new StringBuilder(text.Length);
        var lastWasSpace = true;
        foreach (var c in text)
        {
            var m = MapForMatching(c);
            if (m == '\0')
            {
                continue; // diacritic, tatweel, hamza: dropped without breaking the word
            }

            if (m == ' ')
            {
                if (!lastWasSpace)
                {
                    mapped.Append(' ');
                    lastWasSpace = true;
                }

                continue;
            }

            mapped.Append(m);
            lastWasSpace = false;
        }

        if (mapped.Length > 0 && mapped[^1] == ' ')
        {
            mapped.Length--;
        }

        return CollapseStretched(mapped);
    }

    /// <summary>Tokens of the matching form.</summary>
    public static string[] Tokenize(string? text) =>
        Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// The token itself plus the forms with attached Arabic particles removed
    /// (ال، و، ب، ل، ف، ك and their combinations: بالبصره → البصره → بصره).
    /// </summary>
    public static IEnumerable<string> WithoutPrefixes(string token)
    {
        yield return token;
        if (!IsArabicLetter(token.Length > 0 ? token[0] : ' '))
        {
            yield break;
        }

        // Particles come in a fixed order: و, then one of ب ل ف ك, then ال. Nothing is stripped after ال,
        // and single letters only from words long enough that the rest is still a word (بصره stays بصره).
        var current = token;
        if (current.Length > 3 && current[0] == 'و')
        {
            current = current[1..];
            yield return current;
        }

        if (current.StartsWith("لل", StringComparison.Ordinal) && current.Length > 4)
        {
            yield return current[2..]; // ل + ال with the alef dropped: للبصره → بصره
            yield break;
        }

        if (current.Length > 4 && current[0] is 'ب' or 'ل' or 'ف' or 'ك' && current[1] != 'ل' || current.StartsWith("بال", StringComparison.Ordinal) || current.StartsWith("فال", StringComparison.Ordinal) || current.StartsWith("كال", StringComparison.Ordinal))
        {
            current = current[1..];
            yield return current;
        }

        if (current.Length > 4 && current.StartsWith("ال", StringComparison.Ordinal))
        {
            yield return current[2..];
        }
    }

    internal static bool IsArabicLetter(char c) => c is >= '\u0620' and <= '\u064A' or >= '\u066E' and <= '\u06D3';

    // '\0' = drop, ' ' = separator, anything else = the folded character.
    private static char MapForMatching(char c)
    {
        switch (c)
        {
            case 'أ' or 'إ' or 'آ' or 'ٱ' or 'ٲ' or 'ٳ':
                return 'ا';
            case 'ى' or 'ئ' or 'ی' or 'ې':
                return 'ي';
            case 'ة' or 'ۀ' or 'ە':
                return 'ه';
            case 'ؤ':
                return 'و';
            case 'ء' or 'ـ':
                return '\0';
            case 'گ' or 'چ' or 'ک' or 'ڪ':
                return 'ك';
            case 'ڤ' or 'ڨ':
                return 'ف';
            case 'پ':
                return 'ب';
            case 'ژ':
                return 'ز';
        }

        if (c is >= '\u064B' and <= '\u065F' or '\u0670' or >= '\u06D6' and <= '\u06ED' or '\u200C' or '\u200D' or '\u200F' or '\u200E')
        {
            return '\0'; // tashkeel, Quranic marks, zero-width joiners and direction marks
        }

        var digit = Digits.Fold(c);
        if (digit != c)
        {
            return char.IsAsciiDigit(digit) ? digit : ' ';
        }

        if (char.IsAsciiLetter(c))
        {
            return char.ToLowerInvariant(c);
        }

        if (char.IsAsciiDigit(c) || IsArabicLetter(c))
        {
            return c;
        }

        // Surrogates (emoji), punctuation, symbols, other scripts' marks: separators for matching.
        return char.IsLetter(c) && !char.IsSurrogate(c) ? char.ToLowerInvariant(c) : ' ';
    }

    private static string CollapseStretched(StringBuilder s)
    {
        var result = new StringBuilder(s.Length);
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            var run = 1;
            while (i + run < s.Length && s[i + run] == c)
            {
                run++;
            }

            var keep = run >= 3 && !char.IsAsciiDigit(c) && c != ' ' ? 1 : run;
            result.Append(c, keep);
            i += run;
        }

        return result.ToString();
    }
}
