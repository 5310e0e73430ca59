using AiSales.Core.Channels;
using AiSales.Core.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace AiSales.Core.Campaigns;

public static class CampaignServiceCollectionExtensions
{
    /// <summary>
    /// Options (section "Campaigns", validated at start), the Marketing API client and the account settings the CRM page
    /// uses; <paramref name="sync"/> adds the sync itself (Worker: needs AddTokenProtection and the data source).
    /// </summary>
    public static IServiceCollection AddCampaigns(this IServiceCollection services, bool sync = false)
    {
        services.AddValidatedOptions<CampaignOptions>(CampaignOptions.Section);
        services.AddValidatedOptions<MetaOptions>(MetaOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers: the client retries itself (throttle-aware), see MarketingApiClient.
        services.AddHttpClient<MarketingApiClient>((sp, client) =>
            {
                var url = sp.GetRequiredService<IOptions<CampaignOptions>>().Value.GraphApiBaseUrl is { Length: > 0 } own
                    ? own : sp.GetRequiredService<IOptions<MetaOptions>>().Value.GraphApiBaseUrl;
                client.BaseAddress = new Uri(url.EndsWith('/') ? url : url + "/");
                client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
                // Each call has its own timeout (RequestTimeout); this only stops the client's 100 s default from cutting in first.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .RedactLoggedHeaders(["Authorization"])
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        services.TryAddTransient<AdAccountSettings>();
        if (sync) services.TryAddTransient<CampaignSync>();
        return services;
    }
}
