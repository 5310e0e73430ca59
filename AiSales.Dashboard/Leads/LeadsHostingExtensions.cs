using AiSales.Dashboard.LeadAds;

namespace AiSales.Dashboard.Leads;

public static class LeadsHostingExtensions
{
    /// <summary>The lead board and the lead ads page (docs/lead-ads.md).</summary>
    public static IHostApplicationBuilder AddLeads(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<LeadBoard>();
        builder.Services.AddScoped<LeadAdsQueries>();
        builder.Services.AddScoped<LeadAdsActions>();
        return builder;
    }
}
