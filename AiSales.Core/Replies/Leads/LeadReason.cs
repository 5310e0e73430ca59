using System.Globalization;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Replies.Leads;

/// <summary>
/// Why a lead changed, as a stable code plus parameters, so each viewer reads it in their own language (the dashboard
/// translates; nothing here is display text). Stored in lead_activities.reasons as <see cref="Encode"/>d strings
/// ("lead:signal|price_asked|10"): the column stays a list of strings, and rows written before codes existed (free
/// English text) simply fail <see cref="TryParse"/> and are shown as they are.
/// </summary>
public sealed record LeadReason(string Code, IReadOnlyList<string> Args)
{
    private const string Prefix = "lead:";

    /// <summary>Args: from stage, to stage (EnumText form, e.g. "new", "engaged").</summary>
    public const string StageChangedCode = "stage";
    /// <summary>Args: signal (LeadSignal / LeadCues constant), points (signed integer).</summary>
    public const string SignalCode = "signal";
    /// <summary>No args: a person changed the lead through the Merchant API.</summary>
    public const string MerchantApiCode = "merchant_api";

    public static LeadReason StageChanged(LeadStage from, LeadStage to) =>
        new(StageChangedCode, [EnumText<LeadStage>.ToText(from), EnumText<LeadStage>.ToText(to)]);

    public static LeadReason Signal(string signal, int points) =>
        new(SignalCode, [signal, points.ToString(CultureInfo.InvariantCulture)]);

    public static LeadReason MerchantApi() => new(MerchantApiCode, []);

    /// <summary>Args: how the reply was produced (<c>ReplyDecision.PathName</c>), what the customer asked (intent, lower case).</summary>
    public const string ReplyCode = "reply";
    /// <summary>No args shown (the technical failure stays in the logs): the model was not used for this reply.</summary>
    public const string ModelUnusedCode = "model_unused";
    /// <summary>Args: the order's total in IQD.</summary>
    public const string OrderPlacedCode = "order";

    public static LeadReason Reply(string path, string intent) => new(ReplyCode, [path, intent]);

    public static LeadReason ModelUnused() => new(ModelUnusedCode, []);

    public static LeadReason OrderPlaced(long totalIqd) => new(OrderPlacedCode, [totalIqd.ToString(CultureInfo.InvariantCulture)]);

    public string Encode() => Args.Count == 0 ? Prefix + Code : Prefix + Code + "|" + string.Join('|', Args);

    /// <summary>The reason behind a stored string, or null for free text (older rows, or text a person wrote).</summary>
    public static LeadReason? TryParse(string? stored)
    {
        if (stored is null || !stored.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var parts = stored[Prefix.Length..].Split('|');
        return parts[0].Length == 0 ? null : new LeadReason(parts[0], parts[1..]);
    }

    public override string ToString() => Encode();
}
