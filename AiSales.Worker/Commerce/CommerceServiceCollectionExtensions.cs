using AiSales.Core.Commerce;

namespace AiSales.Worker.Commerce;

public static class CatalogSyncServiceCollectionExtensions
{
    /// <summary>Meta catalog sync (docs/catalog-sync.md): the jobs and their scheduler. Needs AddChannelSenders and token protection.</summary>
    public static IServiceCollection AddCatalogSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetaCommerce(configuration);
        services.AddSingleton<MetaCatalogTokens>();
        services.AddSingleton<CatalogSyncRows>();
        services.AddScoped<CatalogSyncJob>();
        services.AddSingleton<CatalogSyncScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<CatalogSyncScheduler>());
        return services;
    }
}
