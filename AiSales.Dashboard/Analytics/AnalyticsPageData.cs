using AiSales.Core.Analytics;
using AiSales.Core.Tenancy;

namespace AiSales.Dashboard.Analytics;

public sealed record AnalyticsPageModel(AnalyticsRange Range, AnalyticsSummary Summary, IReadOnlyList<ChannelDay> Messages,
    IReadOnlyList<ReplyAuthorsDay> Replies, FirstResponseReport FirstResponse, LeadFunnel Funnel, IReadOnlyList<SourceBreakdown> Sources,
    SalesFigures Sales, IReadOnlyList<ProductInterest> MostAsked, ActivitySplit Split, IReadOnlyList<ActivityDay> Activity);

/// <summary>The range the page shows, today in the merchant's zone (for the 7/30/90-day links), and why a requested range was refused.</summary>
public sealed record AnalyticsPeriod(AnalyticsRange Range, DateOnly Today, string? Problem);

/// <summary>
/// Everything the Analytics page draws, for the current merchant only (the id comes from <see cref="ICurrentMerchant"/>,
/// never from the URL). MerchantAnalytics and OrderFigures filter every statement by that id; the sales numbers come
/// from OrderFigures, the same queries the staff assistant answers "how much did we sell" from, so both always agree.
/// </summary>
public sealed class AnalyticsPageData(MerchantAnalytics analytics, OrderFigures orders, ActivityTrends trends, ICurrentMerchant current, TimeProvider clock)
{
    /// <summary>30 days, as the CRM page and the stats API: a month is what a shop compares; the 7/30/90 links change it.</summary>
    public const int DefaultDays = 30;
    public static readonly IReadOnlyList<int> PeriodDays = [7, 30, 90];
    public const int MostAskedShown = 5;

    /// <summary>The requested range when valid, else the last <see cref="DefaultDays"/> days in the merchant's zone.</summary>
    public async Task<AnalyticsPeriod> RangeAsync(string? from, string? to, CancellationToken ct = default)
    {
        var zone = await analytics.TimeZoneAsync(current.RequireMerchantId(), ct) ?? TimeZoneInfo.CreateCustomTimeZone("Asia/Baghdad", TimeSpan.FromHours(3), "Baghdad", "Baghdad");
        var fallback = AnalyticsRange.LastDays(DefaultDays, zone, clock);
        if (from is null && to is null) return new(fallback, fallback.To, null);
        if (!DateOnly.TryParse(from, System.Globalization.CultureInfo.InvariantCulture, out var f) ||
            !DateOnly.TryParse(to, System.Globalization.CultureInfo.InvariantCulture, out var t))
            return new(fallback, fallback.To, "dates look like 2026-11-01");
        var range = new AnalyticsRange(f, t);
        return range.Problem() is { } problem ? new(fallback, fallback.To, problem) : new(range, fallback.To, null);
    }

    public async Task<AnalyticsPageModel> LoadAsync(AnalyticsRange range, ActivitySplit split = ActivitySplit.Channel, CancellationToken ct = default)
    {
        var merchantId = current.RequireMerchantId();
        // Sequential: the queries share one data source and the page is not latency critical; parallel would only take more connections.
        var summary = await analytics.SummaryAsync(merchantId, range, ct) ?? throw new NoTenantException();
        var messages = await analytics.MessagesPerDayAsync(merchantId, range, ct);
        var replies = await analytics.RepliesPerDayAsync(merchantId, range, ct);
        var response = await analytics.FirstResponseAsync(merchantId, range, ct);
        var funnel = await analytics.FunnelAsync(merchantId, range, ct);
        var sources = await analytics.SourcesAsync(merchantId, range, ct);
        var sales = await orders.SalesAsync(merchantId, range, ct: ct);
        var mostAsked = await orders.MostAskedAsync(merchantId, range, MostAskedShown, ct);
        var activity = await trends.DailyAsync(merchantId, range, split, ct);
        return new(range, summary, messages, replies, response, funnel, sources, sales, mostAsked, split, activity);
    }
}
