using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiSales.Core.Commerce;

public static class CommerceServiceCollectionExtensions
{
    /// <summary>
    /// The Meta catalog and commerce settings client and the sync options (section <c>MetaCatalog</c>, validated at
    /// start). Needs AddChannelSenders (the Graph HttpClient and Meta's endpoints).
    /// </summary>
    public static IServiceCollection AddMetaCommerce(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetaCatalogOptions>().Bind(configuration.GetSection(MetaCatalogOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MetaCatalogClient>();
        return services;
    }
}
