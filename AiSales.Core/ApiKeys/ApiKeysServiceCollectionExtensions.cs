using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiSales.Core.ApiKeys;

public static class ApiKeysServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ApiKeyService"/>; needs the NpgsqlDataSource (AddNpgsqlDataSource("aisales")).</summary>
    public static IServiceCollection AddApiKeys(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApiKeyService>();
        return services;
    }
}
