using AiSales.Core.Replies.Offline;
using AiSales.Core.Text;


namespace AiSales.Core.Replies.Leads;

/// <summary>
/// Signals the lead pipeline reads from the message text itself, on top of the reply engine's intent signals:
/// a phone number (strong buying signal) and explicit "not interested / cancel" cues (the only automatic way to
/// lost). Kept small and literal: a false "lost" is worse than a missed one.
/// </summary>
public static class LeadCues
{
    public const string NotInterested = "not_interested";
    /// <summary>Set by a person (dashboard) or an order integration; never inferred from customer text.</summary>
    public const string OrderConfirmed = "order_confirmed";

    private static readonly string[] NotInterestedPhrases =
    [
        "الغي الطلب", "الغي طلبي", "الغاء الطلب", "ما اريد", "ماريد", "ما ابي", "مابي", "ما احتاج", "مو محتاج",
        "ما محتاج", "غيرت رايي", "not interested", "cancel", "no thanks", "la ma arid",
    ];

    private static readonly string[] NormalizedPhrases =
        NotInterestedPhrases.Select(ArabicNormalizer.Normalize).Distinct().ToArray();

    public static IReadOnlyList<string> Detect(string? text)
    {
        var found = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
            return found;

        if (PhoneNumbers.ContainsIraqiMobile(text))
            found.Add(LeadSignal.PhoneGiven);

        var normalized = " " + ArabicNormalizer.Normalize(text) + " ";
        // "ما اريد غير هذا" is "I only want this": the opposite of not interested.
        if (NormalizedPhrases.Any(p => normalized.Contains(" " + p + " ", StringComparison.Ordinal)
                && !normalized.Contains(" " + p + " غير ", StringComparison.Ordinal)
                && !normalized.Contains(" " + p + " بس ", StringComparison.Ordinal)))
            found.Add(NotInterested);

        return found;
    }
}
