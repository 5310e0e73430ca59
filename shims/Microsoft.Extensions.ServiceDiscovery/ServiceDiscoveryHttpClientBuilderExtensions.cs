using Microsoft.Extensions.ServiceDiscovery.Http;
using Microsoft.Extensions.ServiceDiscovery.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds service-name resolution to an HttpClient (or, through ConfigureHttpClientDefaults, to all of them).</summary>
public static class ServiceDiscoveryHttpClientBuilderExtensions
{
    public static IHttpClientBuilder AddServiceDiscovery(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddServiceDiscovery();
        builder.AddHttpMessageHandler(sp => new ServiceDiscoveryHttpMessageHandler(sp.GetRequiredService<ConfigurationServiceEndpointResolver>()));
        return builder;
    }
}
