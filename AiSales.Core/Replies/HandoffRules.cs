using AiSales.Core.Text;


namespace AiSales.Core.Replies;

/// <summary>Merchant-configured hand-off keywords (ai_settings.handoff_keywords), matched on normalised text.</summary>
public static class HandoffRules
{
    public const string KeywordReason = "handoff_keyword";
    public const string LowConfidenceReason = "low_confidence";
    public const string ModelRequestedReason = "model_requested";

    /// <summary>The first keyword found as whole words (dialect spelling and digits folded), or null.</summary>
    public static string? MatchKeyword(string text, IEnumerable<string> keywords)
    {
        var message = new NormalizedMessage(text);
        foreach (var keyword in keywords)
        {
            var normalized = ArabicNormalizer.Normalize(keyword);
            if (normalized.Length > 0 && (message.ContainsPhrase(normalized) || message.HasToken(normalized)))
                return keyword;
        }
        return null;
    }
}
