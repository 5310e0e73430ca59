using AiSales.Core.Channels;
using AiSales.Core.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace AiSales.Core.Conversions;

public static class ConversionsServiceCollectionExtensions
{
    /// <summary>Options (section "Conversions", validated at start), the Conversions API client and the settings the dashboard uses.</summary>
    public static IServiceCollection AddConversions(this IServiceCollection services)
    {
        services.AddValidatedOptions<ConversionsOptions>(ConversionsOptions.Section);
        services.AddValidatedOptions<MetaOptions>(MetaOptions.Section);
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers: the job retries with backoff across restarts; a hidden retry would double posts.
        services.AddHttpClient<ConversionsApiClient>((sp, client) =>
            {
                var url = sp.GetRequiredService<IOptions<ConversionsOptions>>().Value.GraphApiBaseUrl is { Length: > 0 } own
                    ? own : sp.GetRequiredService<IOptions<MetaOptions>>().Value.GraphApiBaseUrl;
                client.BaseAddress = new Uri(url.EndsWith('/') ? url : url + "/");
                client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .RedactLoggedHeaders(["Authorization"])
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        services.TryAddTransient<ConversionSettings>();
        return services;
    }
}
