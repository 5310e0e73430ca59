using AiSales.Core.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiSales.Core.Commerce;

public static class CommerceServiceCollectionExtensions
{
    /// <summary>
    /// The Meta catalog and commerce settings client and the sync options (section <c>MetaCatalog</c>, validated at
    /// start). Needs AddChannelSenders (the Graph HttpClient and Meta's endpoints).
    /// </summary>
    public static IServiceCollection AddMetaCommerce(this IServiceCollection services)
    {
        services.AddValidatedOptions<MetaCatalogOptions>(MetaCatalogOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MetaCatalogClient>();
        return services;
    }
}
