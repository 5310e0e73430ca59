using AiSales.Core.Options;
using AiSales.Core.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiSales.Core.LeadAds;

public static class LeadAdsServiceCollectionExtensions
{
    /// <summary>
    /// The Worker's lead reads: options (section <c>LeadAds</c>, validated at start), the Graph client and the store.
    /// Needs AddChannelSenders (the Graph HttpClient), AddOutboundSending (ChannelCredentialsReader), AddAiReplies
    /// (LeadUpdater) and messaging.
    /// </summary>
    public static IServiceCollection AddLeadAds(this IServiceCollection services)
    {
        services.AddValidatedOptions<LeadAdsOptions>(LeadAdsOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LeadGraphClient>();
        services.TryAddSingleton<LeadContactWriter>();
        services.TryAddSingleton<LeadFormStore>();
        // Greeting the lead on WhatsApp with the merchant's template (scoped: it reads through MerchantData).
        services.AddTenancy();
        services.TryAddScoped<LeadGreeter>();
        return services;
    }
}
