using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.ServiceDiscovery.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Substitute for Microsoft.Extensions.ServiceDiscovery: configuration-based resolution only.</summary>
public static class ServiceDiscoveryServiceCollectionExtensions
{
    public static IServiceCollection AddServiceDiscovery(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ConfigurationServiceEndpointResolver>();
        return services;
    }
}
