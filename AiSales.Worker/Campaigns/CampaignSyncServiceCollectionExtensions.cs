using AiSales.Core.Campaigns;

namespace AiSales.Worker.Campaigns;

public static class CampaignSyncServiceCollectionExtensions
{
    /// <summary>The campaign results sync (section "Campaigns"; docs/campaigns.md). Needs the data source and AddTokenProtection.</summary>
    public static IServiceCollection AddCampaignSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCampaigns(configuration, sync: true);
        services.AddHostedService<CampaignSyncWorker>();
        return services;
    }
}
