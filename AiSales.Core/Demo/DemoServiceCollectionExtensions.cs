using AiSales.Core.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiSales.Core.Demo;

public static class DemoServiceCollectionExtensions
{
    /// <summary>
    /// Seeds the demo merchant at start-up when Demo:Enabled is true. Needs AiSalesDbContext in DI;
    /// register after AddSchemaMigrations (the seeder runs in StartAsync, after the migration's StartingAsync).
    /// </summary>
    public static IServiceCollection AddDemoSeed(this IServiceCollection services)
    {
        services.AddValidatedOptions<DemoOptions>(DemoOptions.SectionName);
        services.AddHostedService<DemoSeeder>();
        return services;
    }
}
