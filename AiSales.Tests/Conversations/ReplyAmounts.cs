using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AiSales.Tests.Conversations;

/// <summary>
/// The runner's own reading of dinar amounts in a reply, independent of the code under test: "65,000", "65٬000",
/// "٦٥,٠٠٠", "65000", "65 الف" / "65 ألف", "65k", "IQD 65,000", "65,000 دينار". Not money: numbers below 1,000 without a
/// thousand word or currency (sizes 42, quantities 2, "1-2 يوم", "100ml"), Iraqi mobile numbers in any spacing, and digits
/// glued to Latin letters (Arabizi "si3ra"), and references after "#" (the order number, "#1004").
/// </summary>
public static partial class ReplyAmounts
{
    public static IReadOnlyList<long> Extract(string? text)
    {
        var found = new List<long>();
        if (string.IsNullOrWhiteSpace(text)) return found;
        var s = PhoneLike().Replace(FoldDigits(text), m => new string(' ', m.Length));
        foreach (Match m in Number().Matches(s))
        {
            if (m.Index > 0 && char.IsAsciiLetter(s[m.Index - 1])) continue; // Arabizi: "si3ra", "7abibi"
            if (m.Index > 0 && s[m.Index - 1] == '#') continue; // a reference: the order number "#1004"
            var raw = m.Groups["n"].Value;
            var grouped = raw.Contains(',') || (raw.Contains('.') && Regex.IsMatch(raw, @"^\d{1,3}(\.\d{3})+$"));
            var digits = grouped ? raw.Replace(",", "").Replace(".", "") : raw;
            if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) continue;
            var after = s[(m.Index + m.Length)..];
            var before = s[..m.Index];
            var multiplier = ThousandAfter().IsMatch(after) ? 1000m : MillionAfter().IsMatch(after) ? 1_000_000m : 1m;
            var currency = CurrencyAfter().IsMatch(after) || CurrencyBefore().IsMatch(before);
            // A number glued to other Latin letters ("100ml", "2pcs", "3baya") is not an amount.
            if (multiplier == 1m && after.Length > 0 && char.IsAsciiLetter(after[0]) && !currency) continue;
            var integerDigits = digits.Split('.')[0];
            if (multiplier == 1m && !currency && (value < 1000 || integerDigits.Length > 9 || (integerDigits.Length > 1 && integerDigits[0] == '0'))) continue;
            var amount = value * multiplier;
            if (amount is > 0 and < 10_000_000_000m) found.Add((long)decimal.Round(amount));
        }
        return found;
    }

    /// <summary>Arabic-Indic and Persian digits to Latin; the Arabic thousands and decimal separators to ',' and '.'.</summary>
    public static string FoldDigits(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')),
                >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')),
                '\u066C' => ',',
                '\u066B' => '.',
                _ => c,
            });
        }
        return sb.ToString();
    }

    /// <summary>An Iraqi mobile in a reply (07XX XXX XXXX, +964 7XX…, with spaces or dashes): digits, never money.</summary>
    [GeneratedRegex(@"(?:\+?\s*964|\b0)[\s\-]*7\d(?:[\s\-]*\d){8}")]
    private static partial Regex PhoneLike();

    // Grouped (65,000 / 1,250,000 / 65.000) or plain (65000, 2.5) numbers.
    [GeneratedRegex(@"(?<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")]
    private static partial Regex Number();

    [GeneratedRegex(@"^\s*(?:(?:الف|ألف|آلاف|الاف|ألاف|الآف)(?!\p{L})|k\b|thousand|alf\b|alaf\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ThousandAfter();

    [GeneratedRegex(@"^\s*(?:مليون|ملايين|million)", RegexOptions.IgnoreCase)]
    private static partial Regex MillionAfter();

    [GeneratedRegex(@"^\s*(?:دينار|دنانير|د\.ع|IQD|dinars?)", RegexOptions.IgnoreCase)]
    private static partial Regex CurrencyAfter();

    [GeneratedRegex(@"(?:IQD|د\.ع)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CurrencyBefore();
}
