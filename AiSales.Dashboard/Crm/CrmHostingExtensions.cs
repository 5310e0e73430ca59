using AiSales.Core.Campaigns;
using AiSales.Core.Conversions;

namespace AiSales.Dashboard.Crm;

public static class CrmHostingExtensions
{
    /// <summary>The CRM page: campaign results and ad accounts (docs/campaigns.md), Conversions API settings and sent
    /// events (docs/conversions.md). The Worker syncs and sends.</summary>
    public static IHostApplicationBuilder AddCrm(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCampaigns();
        services.AddScoped<CrmPageData>();
        services.AddTransient<ConversionSettings>();
        services.AddScoped<ConversionsPageData>();
        return builder;
    }
}
