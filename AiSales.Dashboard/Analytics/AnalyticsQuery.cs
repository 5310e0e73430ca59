using System.Globalization;
using AiSales.Core.Analytics;

namespace AiSales.Dashboard.Analytics;

/// <summary>
/// The Analytics page's address: range (from, to), the compared figure (metric) and the split (by). Links, not a script,
/// change them, so every view can be bookmarked and works with scripts off.
/// </summary>
public static class AnalyticsQuery
{
    public static readonly IReadOnlyList<string> Metrics = ["messages", "replies", "orders", "revenue"];

    public static string Metric(string? metric) => metric is not null && Metrics.Contains(metric) ? metric : Metrics[0];

    public static ActivitySplit Split(string? by) => by == "source" ? ActivitySplit.Source : ActivitySplit.Channel;

    public static string Key(this ActivitySplit split) => split == ActivitySplit.Source ? "source" : "channel";

    public static string Href(AnalyticsRange range, string metric, ActivitySplit split) =>
        string.Create(CultureInfo.InvariantCulture, $"/analytics?from={range.From:yyyy-MM-dd}&to={range.To:yyyy-MM-dd}&metric={metric}&by={split.Key()}");

    /// <summary>The figure <paramref name="metric"/> of one day.</summary>
    public static double Value(ActivityDay day, string metric) => metric switch
    {
        "replies" => day.Replies,
        "orders" => day.Orders,
        "revenue" => day.RevenueIqd,
        _ => day.Messages,
    };

    // One colour per channel / source on every chart of the page (brand-like for the platforms).
    public static string Color(ActivitySplit split, string key) => (split, key) switch
    {
        (ActivitySplit.Channel, "instagram") => "#db2777",
        (ActivitySplit.Channel, "messenger") => "#2563eb",
        (ActivitySplit.Channel, "whatsapp") => "#16a34a",
        (ActivitySplit.Source, "ad") => "#d97706",
        (ActivitySplit.Source, "post") => "#2563eb",
        (ActivitySplit.Source, "comment") => "#7c3aed",
        (ActivitySplit.Source, "story") => "#db2777",
        (ActivitySplit.Source, "ref") => "#0891b2",
        _ => "#6b7280",
    };
}
