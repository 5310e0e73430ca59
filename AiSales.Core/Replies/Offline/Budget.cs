using System.Globalization;
using System.Text.RegularExpressions;
using AiSales.Core.Text;

namespace AiSales.Core.Replies.Offline;

/// <summary>
/// A spending limit in a customer message: "بحدود ٥٠ الف", "ميزانيتي 30 الف", "تحت ال 40", "عندي 50 الف", "under 50k",
/// "budget is 30,000", "b7dood 40 alf". Not an offer for a product ("اخذه ب 35"): here the amount follows a word that sets
/// a limit. A bare number under 1,000 after such a word is thousands, as customers say it ("بحدود ٥٠").
/// </summary>
public static partial class Budget
{
    /// <summary>The limit in dinars, or null when the message sets none.</summary>
    public static long? In(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var folded = Digits.Fold(text).ToLowerInvariant();
        foreach (Match marker in Marker().Matches(folded))
        {
            // The amount follows the word closely: "بحدود ال 50 الف", "budget is 50k", "تحت ال ٤٠".
            var after = folded[(marker.Index + marker.Length)..];
            if (LeadingNumber().Match(after) is not { Success: true } number)
            {
                continue;
            }

            var window = after[..Math.Min(after.Length, number.Index + number.Length + 12)];
            if (PriceMentions.Extract(window) is [var amount, ..])
            {
                return amount;
            }

            // "حوالي 3 ايام", "around 2 days", "تحت 10 سنين": a bare number with a unit after it counts something else.
            if (long.TryParse(number.Groups[1].Value.Replace(",", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var bare) && bare is > 0 and < 1000
                && !UnitAfter().IsMatch(after[(number.Index + number.Length)..]))
            {
                return bare * 1000;
            }
        }

        return null;
    }

    // "عندي"/"معي" only right before the number ("عندي 50 الف"): "عندي طلب 1004" is not a budget.
    [GeneratedRegex(@"(?<!\w)و?(?:بحدود|حدود|حوالي|ميزاني[تةه]?\w*|تحت|[اأ]قل من|ما ?يتعدى|ما ?يتجاوز|ما ?يزيد عن|لحد|budget|under|below|less than|up to|max(?:imum)?|within|around|b7dood|7dood|mizaniy\w*)(?=\W|$)|(?<!\w)(?:عندي|معي|i have|3ndi)(?=\s*\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();

    [GeneratedRegex(@"^[^\d]{0,10}?(\d[\d,]*)", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingNumber();

    [GeneratedRegex(@"^\s*(?:يوم|ايام|أيام|اسبوع|أسبوع|اسابيع|أسابيع|ساع[ةه]|ساعات|دقيق[ةه]|دقايق|دقائق|شهر|اشهر|أشهر|سن[ةه]|سنين|سنوات|days?|hours?|weeks?|months?|years?|yrs?|mins?|minutes?|ml|مل|قطع|قطع[ةه]|حبات|pieces?|pcs|%|kg|كيلو|cm|سم|رقم|#)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UnitAfter();
}
