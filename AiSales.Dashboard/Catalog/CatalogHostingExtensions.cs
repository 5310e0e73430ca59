using AiSales.Core.Commerce;

namespace AiSales.Dashboard.Catalog;

public static class CatalogHostingExtensions
{
    /// <summary>The catalog: products, their photos, CSV import, and the sync to the merchant's Meta catalog
    /// (docs/catalog-sync.md; the Worker runs the sync).</summary>
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<CatalogService>();
        services.AddScoped<ProductPhotos>();
        services.AddScoped<CatalogCsvImporter>();
        services.AddMetaCommerce();
        services.AddScoped<MetaCatalogService>();
        return builder;
    }
}
