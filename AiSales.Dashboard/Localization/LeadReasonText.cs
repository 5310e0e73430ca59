using System.Globalization;
using AiSales.Core.Replies.Leads;

namespace AiSales.Dashboard.Localization;

/// <summary>
/// A stored lead-score reason in the viewer's language. Codes (<see cref="LeadReason"/>) are translated through
/// <see cref="UiText"/>; anything else (rows from before codes, text a person typed) is shown exactly as stored.
/// </summary>
public static class LeadReasonText
{
    public static string Render(string stored, UiPrefs p)
    {
        if (LeadReason.TryParse(stored) is not { } reason) return stored;
        return reason switch
        {
            { Code: LeadReason.StageChangedCode, Args: [var from, var to] } => p.Format("reason.stage", Known($"stage.{from}", from, p), Known($"stage.{to}", to, p)),
            { Code: LeadReason.SignalCode, Args: [var signal, var points] } when int.TryParse(points, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) =>
                p.Format("reason.points", Known($"reason.{signal}", signal.Replace('_', ' '), p), n > 0 ? $"+{n}" : n.ToString(CultureInfo.InvariantCulture)),
            { Code: LeadReason.ReplyCode, Args: [var path, var intent] } =>
                p.Format("reason.reply", Known($"path.{path}", path, p), Known($"intent.{intent}", intent, p)),
            { Code: LeadReason.OrderPlacedCode, Args: [var total] } when long.TryParse(total, NumberStyles.None, CultureInfo.InvariantCulture, out var iqd) =>
                p.Format("reason.order", p.Number(iqd)),
            { Args.Count: 0 } => Known($"reason.{reason.Code}", stored, p),
            // A code this dashboard does not know yet (newer worker): the raw form is better than nothing.
            _ => stored,
        };
    }

    /// <summary>The translation, or <paramref name="fallback"/> when the key is missing (UiText shows missing keys as themselves).</summary>
    private static string Known(string key, string fallback, UiPrefs p) => p[key] is var s && s != key ? s : fallback;
}
