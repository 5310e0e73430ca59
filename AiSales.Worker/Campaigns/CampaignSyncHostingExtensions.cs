using AiSales.Core.Campaigns;

namespace AiSales.Worker.Campaigns;

public static class CampaignSyncHostingExtensions
{
    /// <summary>Campaign results from the Marketing API (section "Campaigns"; docs/campaigns.md). Needs the data source and token protection.</summary>
    public static IHostApplicationBuilder AddCampaignSync(this IHostApplicationBuilder builder)
    {
        builder.Services.AddCampaigns(sync: true);
        builder.Services.AddHostedService<CampaignSyncWorker>();
        return builder;
    }
}
