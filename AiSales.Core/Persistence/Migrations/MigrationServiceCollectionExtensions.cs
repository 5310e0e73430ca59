using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AiSales.Core.Persistence.Migrations;

public static class MigrationServiceCollectionExtensions
{
    /// <summary>
    /// Runs the embedded SQL migrations at start-up, before other hosted services, using the
    /// <see cref="Npgsql.NpgsqlDataSource"/> registered in DI (AddNpgsqlDataSource("aisales")).
    /// </summary>
    public static IServiceCollection AddSchemaMigrations(this IServiceCollection services)
    {
        services.TryAddSingleton<SchemaMigrator>();
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SchemaMigrationHostedService)))
        {
            // First in the list as well, for hosts that start services concurrently or ignore the lifecycle hooks.
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, SchemaMigrationHostedService>());
        }
        return services;
    }
}
