using AiSales.Core.LeadAds;
using AiSales.Core.Messaging;

namespace AiSales.Worker.LeadAds;

public static class LeadAdsHostingExtensions
{
    /// <summary>Lead form submissions read from Graph on the integrations queue (docs/lead-ads.md). Needs the senders and replies.</summary>
    public static IHostApplicationBuilder AddLeadAdReads(this IHostApplicationBuilder builder)
    {
        builder.Services.AddLeadAds();
        builder.Services.AddSingleton<IDeadLetterHook, LeadReadDeadLetterHook>();
        return builder;
    }
}
