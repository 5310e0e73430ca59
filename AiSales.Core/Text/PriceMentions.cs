using System.Globalization;

namespace AiSales.Core.Text;

/// <summary>
/// Finds amounts of Iraqi dinars in free text: "25 الف", "٢٥ ألف", "25k", "25,000 دينار", "IQD 25000", "٢٥٠٠٠".
/// Used on customer messages (budget) and on every reply we generate (the price guard: a reply may only
/// contain amounts that exist in the catalog or the delivery options).
/// </summary>
/// <remarks>
/// A number counts as money when a multiplier (الف/k/thousand/مليون) or a currency word (دينار/IQD/د.ع)
/// is next to it, or when it is a bare number of 1,000 or more. Small bare numbers ("باقي 2", "1–2 يوم")
/// and phone numbers (10+ digits, 07xxxxxxxxx) are not money. Spelled-out numbers (خمسة وعشرين) are not parsed.
/// </remarks>
public static class PriceMentions
{
    private static readonly string[] ThousandWords = ["الف", "الاف", "آلاف", "ألف", "الآف", "k", "thousand", "alf", "alaf"];
    private static readonly string[] MillionWords = ["مليون", "ملايين", "million", "mil", "m"];
    private static readonly string[] CurrencyWords = ["دينار", "دنانير", "iqd", "dinar", "dinars", "د.ع", "دع"];

    /// <summary>Amounts in dinars, in the order they appear.</summary>
    public static IReadOnlyList<long> Extract(string? text)
    {
        var found = new List<long>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return found;
        }

        var s = MaskPhoneNumbers(Digits.Fold(text));
        var i = 0;
        while (i < s.Length)
        {
            if (!char.IsAsciiDigit(s[i]) || (i > 0 && char.IsAsciiLetter(s[i - 1]) && !IsCurrencyBefore(s, i)) || (i > 0 && s[i - 1] == '#'))
            {
                // Skip digits glued to Latin letters (Arabizi "si3ra", "7abibi") — they are letters, not numbers — and
                // references after "#" (an order number, "#1004").
                i = SkipDigitsIfAny(s, i);
                continue;
            }

            var start = i;
            var (value, digitCount, end) = ReadNumber(s, i);
            var (multiplier, currency, after) = ReadSuffix(s, end);
            var currencyBefore = IsCurrencyBefore(s, i);
            i = Math.Max(after, end);

            if (digitCount >= 10 || (s[start] == '0' && digitCount > 1))
            {
                continue; // ids and numbers with a leading zero are not prices
            }

            var amount = value * multiplier;
            var isMoney = multiplier > 1 || currency || currencyBefore || (value >= 1000 && digitCount <= 9);
            if (isMoney && amount is > 0 and < 10_000_000_000m)
            {
                found.Add((long)decimal.Round(amount));
            }
        }

        return found;
    }

    private static int SkipDigitsIfAny(string s, int i)
    {
        if (!char.IsAsciiDigit(s[i]))
        {
            return i + 1;
        }

        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        return i;
    }

    // Reads 25 / 25,000 / 25.000 / 2.5 / 1,250,000. Grouping = separator followed by exactly 3 digits.
    private static (decimal Value, int DigitCount, int End) ReadNumber(string s, int start)
    {
        var digits = new System.Text.StringBuilder();
        var i = start;
        string? fraction = null;
        while (i < s.Length)
        {
            if (char.IsAsciiDigit(s[i]))
            {
                digits.Append(s[i]);
                i++;
                continue;
            }

            if (s[i] is ',' or '.' or '،' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]))
            {
                var run = 0;
                while (i + 1 + run < s.Length && char.IsAsciiDigit(s[i + 1 + run]))
                {
                    run++;
                }

                if (run == 3 && s[i] != '،')
                {
                    digits.Append(s, i + 1, 3);
                    i += 4;
                    continue;
                }

                if (s[i] == '.' && fraction is null && run <= 2)
                {
                    fraction = s.Substring(i + 1, run);
                    i += 1 + run;
                }
            }

            break;
        }

        var text = fraction is null ? digits.ToString() : digits + "." + fraction;
        var value = decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : 0m;
        return (value, digits.Length, i);
    }

    private static (decimal Multiplier, bool Currency, int End) ReadSuffix(string s, int i)
    {
        decimal multiplier = 1;
        var currency = false;
        // Up to two words: "25 الف دينار".
        for (var word = 0; word < 2; word++)
        {
            var j = i;
            while (j < s.Length && s[j] is ' ' or '\u00A0' or 'ـ')
            {
                j++;
            }

            var w = ReadWord(s, j);
            if (w.Length == 0)
            {
                break;
            }

            var folded = Fold(w);
            if (multiplier == 1 && Contains(ThousandWords, folded))
            {
                multiplier = 1000;
            }
            else if (multiplier == 1 && Contains(MillionWords, folded) && (folded != "m" || j == i))
            {
                multiplier = 1_000_000;
            }
            else if (Contains(CurrencyWords, folded))
            {
                currency = true;
            }
            else
            {
                break;
            }

            i = j + w.Length;
        }

        return (multiplier, currency, i);
    }

    private static bool IsCurrencyBefore(string s, int digitStart)
    {
        var j = digitStart - 1;
        while (j >= 0 && s[j] is ' ' or ':')
        {
            j--;
        }

        var end = j + 1;
        while (j >= 0 && (char.IsLetter(s[j]) || s[j] == '.'))
        {
            j--;
        }

        return end > j + 1 && Contains(CurrencyWords, Fold(s[(j + 1)..end]));
    }

    private static string ReadWord(string s, int j)
    {
        var end = j;
        while (end < s.Length && (char.IsLetter(s[end]) || (s[end] == '.' && end + 1 < s.Length && char.IsLetter(s[end + 1]))))
        {
            end++;
        }

        return s[j..end];
    }

    private static string Fold(string w)
    {
        var trimmed = w.Trim('.').ToLowerInvariant();
        // Attached particle: "بالف" is not a multiplier form we need; but "الف" written "آلاف"/"ألف" is.
        return trimmed.Replace('أ', 'ا').Replace('آ', 'ا').Replace('ة', 'ه');
    }

    private static bool Contains(string[] words, string w)
    {
        foreach (var x in words)
        {
            if (string.Equals(Fold(x), w, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // Iraqi mobiles are written 07XX XXX XXXX, 0770-123-4567, +964 770 123 4567: blank them out first so
    // their space-separated groups are never read as bare amounts.
    private static string MaskPhoneNumbers(string s)
    {
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var startsPhone = (chars[i] == '0' && i + 1 < chars.Length && chars[i + 1] == '7')
                || (chars[i] == '+' && i + 1 < chars.Length && char.IsAsciiDigit(chars[i + 1]))
                || (chars[i] == '9' && i + 3 < chars.Length && chars[i + 1] == '6' && chars[i + 2] == '4');
            if (!startsPhone || (i > 0 && char.IsAsciiDigit(chars[i - 1])))
            {
                continue;
            }

            var j = i;
            var digits = 0;
            while (j < chars.Length && (char.IsAsciiDigit(chars[j]) || chars[j] is ' ' or '-' or '+'))
            {
                if (char.IsAsciiDigit(chars[j]))
                {
                    digits++;
                }

                j++;
            }

            if (digits >= 10)
            {
                for (var k = i; k < j; k++)
                {
                    chars[k] = ' ';
                }

                i = j;
            }
        }

        return new string(chars);
    }
}
