namespace AiSales.Core.Replies.Offline;

/// <summary>How an English word a customer types relates to a product word: its plural, or a compound ending in it.</summary>
internal static class EnglishWordForms
{
    /// <summary>
    /// English plurals ("bags", "dresses", "watches", "accessories") are the singular; a compound ending in the product
    /// word is that product ("handbag" a bag, "wristwatch" a watch, "sunglasses" glasses) when what comes before is a
    /// word of its own (three letters or more: "chat" is not a hat).
    /// </summary>
    internal static double Similarity(string a, string b)
    {
        if (!IsEnglishWord(a) || !IsEnglishWord(b)) return 0;
        var (sa, sb) = (EnglishSingular(a), EnglishSingular(b));
        if (sa == sb) return 0.9;
        var (longer, shorter) = sa.Length >= sb.Length ? (sa, sb) : (sb, sa);
        return shorter.Length >= 3 && longer.Length - shorter.Length >= 3 && longer.EndsWith(shorter, StringComparison.Ordinal) ? 0.75 : 0;
    }

    private static bool IsEnglishWord(string word) => word.Length >= 3 && word.All(char.IsAsciiLetterLower);

    private static string EnglishSingular(string word) => word switch
    {
        { Length: > 4 } when word.EndsWith("ies", StringComparison.Ordinal) => word[..^3] + "y",
        { Length: > 4 } when word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("ches", StringComparison.Ordinal)
            || word.EndsWith("shes", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal) => word[..^2],
        { Length: > 3 } when word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) => word[..^1],
        _ => word,
    };
}
