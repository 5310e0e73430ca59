using AiSales.Core.Commerce;

namespace AiSales.Worker.Commerce;

public static class CatalogSyncHostingExtensions
{
    /// <summary>Products to the merchant's Meta catalog (docs/catalog-sync.md): the jobs and their scheduler. Needs the senders and token protection.</summary>
    public static IHostApplicationBuilder AddCatalogSync(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddMetaCommerce();
        services.AddSingleton<MetaCatalogTokens>();
        services.AddSingleton<CatalogSyncRows>();
        services.AddScoped<CatalogSyncJob>();
        services.AddSingleton<CatalogSyncScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<CatalogSyncScheduler>());
        return builder;
    }
}
