namespace AiSales.Core.Text;

/// <summary>Spots an Iraqi mobile number (07XX XXX XXXX, +964 7XX…) in free text, in any digit script.</summary>
public static class PhoneNumbers
{
    public static bool ContainsIraqiMobile(string? text) => Find(text) is not null;

    /// <summary>The first Iraqi mobile in the text in local form (07XXXXXXXXX), or null.</summary>
    public static string? Find(string? text)
    {
        var s = Digits.Fold(text);
        var digits = new System.Text.StringBuilder();
        foreach (var c in s)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
                continue;
            }

            if (c is ' ' or '-' or '+' && digits.Length > 0)
            {
                continue; // spaces and dashes inside a number
            }

            if (IsMobile(digits.ToString()))
            {
                return Local(digits.ToString());
            }

            digits.Clear();
        }

        return IsMobile(digits.ToString()) ? Local(digits.ToString()) : null;
    }

    private static string Local(string d) => "0" + d[^10..];

    private static bool IsMobile(string d) =>
        (d.Length == 11 && d.StartsWith("07", StringComparison.Ordinal)) ||
        (d.Length == 13 && d.StartsWith("9647", StringComparison.Ordinal)) ||
        (d.Length == 15 && d.StartsWith("009647", StringComparison.Ordinal));
}
