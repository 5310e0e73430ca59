using AiSales.Core.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace AiSales.Core.Media;

public static class MediaServiceCollectionExtensions
{
    /// <summary>
    /// The Worker's customer-media fetch: options (section <c>MediaFetch</c>, validated at start) and its HTTP client. A
    /// download is a GET, safe to repeat: the standard pipeline retries transient failures (timeouts, 5xx, 429) only.
    /// </summary>
    public static IServiceCollection AddCustomerMediaFetch(this IServiceCollection services)
    {
        services.AddValidatedOptions<MediaFetchOptions>(MediaFetchOptions.SectionName);
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers: replaces the shared default pipeline with this client's own
        services.AddHttpClient(CustomerMediaFetcher.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .RedactLoggedHeaders(["Authorization"])
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions o, IServiceProvider sp) =>
            {
                var fetch = sp.GetRequiredService<IOptions<MediaFetchOptions>>().Value;
                o.AttemptTimeout.Timeout = fetch.AttemptTimeout;
                o.TotalRequestTimeout.Timeout = fetch.TotalTimeout;
                if (o.CircuitBreaker.SamplingDuration < fetch.AttemptTimeout * 2) o.CircuitBreaker.SamplingDuration = fetch.AttemptTimeout * 2;
            });
#pragma warning restore EXTEXP0001
        services.TryAddSingleton<CustomerMediaFetcher>();
        return services;
    }
}
