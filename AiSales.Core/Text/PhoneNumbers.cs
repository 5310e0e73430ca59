using System.Text;

namespace AiSales.Core.Text;

/// <summary>
/// Phone numbers, Iraq first. <see cref="Find"/> spots an Iraqi mobile (07XX XXX XXXX, +964 7XX…) in a customer's free
/// text; <see cref="Normalize"/> makes a number as a person types it into the WhatsApp id webhooks carry: the
/// international number in digits (9647701234567). A local mobile (07701234567, 7701234567) gets 964; +, 00, spaces,
/// dashes, brackets, direction marks and Arabic-Indic digits (٠٧٧٠…, ۰۷۷۰…) are what people paste from contacts and chats.
/// </summary>
public static class PhoneNumbers
{
    public const string IraqCode = "964";

    /// <summary>The digits of an international number, or null when <paramref name="text"/> is not one.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var digits = new StringBuilder(text.Length);
        var plus = false;
        foreach (var c in text.Trim())
        {
            if (Digits.Fold(c) is var ascii && char.IsAsciiDigit(ascii)) digits.Append(ascii);
            else if (c == '+' && digits.Length == 0 && !plus) plus = true;
            else if (IsSeparator(c)) continue;
            else return null; // a letter or a second "+": not a number we should guess at
        }
        var d = digits.ToString();
        bool international;
        if (plus) international = true;
        else if (d.StartsWith("00", StringComparison.Ordinal)) { d = d[2..]; international = true; }
        // A local Iraqi mobile: 07XX XXX XXXX, or the same without its 0.
        else if (d.Length == 11 && d.StartsWith("07", StringComparison.Ordinal)) { d = IraqCode + d[1..]; international = true; }
        else if (d.Length == 10 && d.StartsWith('7')) { d = IraqCode + d; international = true; }
        else international = !d.StartsWith('0');
        if (!international) return null;
        // "+964 0770 …": the trunk 0 people keep after the country code.
        if (d.StartsWith(IraqCode + "0", StringComparison.Ordinal)) d = IraqCode + d[4..];
        // An Iraqi number must be a whole mobile number (964 7X XXX XXXX): a digit too many or too few is a typo that
        // would send the code to a stranger.
        if (d.StartsWith(IraqCode, StringComparison.Ordinal) && !(d.Length == 13 && d[3] == '7')) return null;
        return d.Length is >= 8 and <= 15 ? d : null;
    }

    /// <summary>"9647701234567" → "+964 770 123 4567" (other countries: "+" and the digits).</summary>
    public static string Display(string digits) =>
        digits.Length == 13 && digits.StartsWith(IraqCode, StringComparison.Ordinal)
            ? $"+964 {digits[3..6]} {digits[6..9]} {digits[9..]}"
            : "+" + digits;

    private static bool IsSeparator(char c) =>
        char.IsWhiteSpace(c) || c is '-' or '‐' or '–' or '—' or '.' or '(' or ')' or '/'
            || c is '\u200E' or '\u200F' or '\u061C' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';

    public static bool ContainsIraqiMobile(string? text) => Find(text) is not null;

    /// <summary>The first Iraqi mobile in the text in local form (07XXXXXXXXX), or null.</summary>
    public static string? Find(string? text)
    {
        var s = Digits.Fold(text);
        var digits = new StringBuilder();
        // Digits written onto a Latin word are Arabizi letters ("jami3", "sa7a"), not the start of the number after them:
        // "qurb jami3 07809998877" is the number 07809998877.
        var glued = 0;
        var gluing = false;
        // Where each space- or dash-separated group of the run starts ("شارع 60 0781 222 3344": 0, 2, 6, 9).
        var groups = new List<int>();
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c))
            {
                if (digits.Length == 0)
                {
                    gluing = i > 0 && char.IsAsciiLetter(s[i - 1]);
                }

                if (i == 0 || !char.IsAsciiDigit(s[i - 1]))
                {
                    groups.Add(digits.Length);
                }

                digits.Append(c);
                glued += gluing ? 1 : 0;
                continue;
            }

            if (c is ' ' or '-' or '+' && digits.Length > 0)
            {
                gluing = false;
                continue; // spaces and dashes inside a number
            }

            if (Mobile(digits.ToString(), glued, groups) is { } found)
            {
                return found;
            }

            digits.Clear();
            groups.Clear();
            glued = 0;
        }

        return Mobile(digits.ToString(), glued, groups);
    }

    private static string? Mobile(string digits, int glued, List<int> groups)
    {
        if (glued > 0 && !IsMobile(digits) && IsMobile(digits[glued..])) return Local(digits[glued..]);
        var parts = groups.Select((start, k) => digits[start..(k + 1 < groups.Count ? groups[k + 1] : digits.Length)]).ToList();
        return MobileGroups(parts) is { } mobile ? Local(string.Concat(parts[mobile])) : null;
    }

    /// <summary>
    /// The groups of one run of digits ("60 0781 222 3344", split at spaces and dashes) that make a whole Iraqi mobile,
    /// the widest first; null when none do. A number written next to the mobile is read into the same run
    /// ("شارع 60 07812223344", "07701234567 2"): the mobile is whole groups of it.
    /// </summary>
    public static Range? MobileGroups(IReadOnlyList<string> groups)
    {
        for (var from = 0; from < groups.Count; from++)
        {
            for (var to = groups.Count; to > from; to--)
            {
                if (IsMobile(string.Concat(groups.Take(to).Skip(from)).TrimStart('+'))) return from..to;
            }
        }

        return null;
    }

    private static string Local(string d) => "0" + d[^10..];

    private static bool IsMobile(string d) =>
        (d.Length == 11 && d.StartsWith("07", StringComparison.Ordinal)) ||
        (d.Length == 13 && d.StartsWith("9647", StringComparison.Ordinal)) ||
        (d.Length == 15 && d.StartsWith("009647", StringComparison.Ordinal));
}
