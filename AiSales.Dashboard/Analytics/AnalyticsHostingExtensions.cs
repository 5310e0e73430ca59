using AiSales.Core.Analytics;

namespace AiSales.Dashboard.Analytics;

public static class AnalyticsHostingExtensions
{
    /// <summary>The analytics page (docs/analytics.md).</summary>
    public static IHostApplicationBuilder AddAnalyticsPage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAnalytics();
        builder.Services.AddScoped<AnalyticsPageData>();
        return builder;
    }
}
