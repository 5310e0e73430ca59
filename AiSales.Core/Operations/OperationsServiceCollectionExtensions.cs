using AiSales.Core.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AiSales.Core.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>Meter "AiSales.Queue" (queue depth and age, store counts, dead letters) from a snapshot refreshed every ~5 s.
    /// Needs Wolverine (AddMessaging) registered.</summary>
    public static IServiceCollection AddQueueMetrics(this IServiceCollection services)
    {
        AddQueueOperations(services);
        services.AddMetrics();
        services.TryAddSingleton<QueueMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, QueueMetrics>(sp => sp.GetRequiredService<QueueMetrics>()));
        return services;
    }

    /// <summary>What the ops API uses: queue operations and health, ops queries, config validation, retention settings.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        AddQueueOperations(services);
        services.AddRetentionOptions();
        services.TryAddSingleton<QueueHealth>();
        services.TryAddSingleton<OperationsStore>();
        services.TryAddSingleton<ConfigValidator>();
        return services;
    }

    /// <summary>Section <c>Retention</c>, validated on start; the old <c>Webhooks:RetentionDays</c> still counts when
    /// <c>Retention:Days</c> is not set, so a deployment configured from the earlier README keeps its retention.</summary>
    public static IServiceCollection AddRetentionOptions(this IServiceCollection services)
    {
        services.AddValidatedOptions<RetentionOptions>(RetentionOptions.Section)
            .Configure<IConfiguration>((o, config) =>
            {
                if (config[$"{RetentionOptions.Section}:{nameof(RetentionOptions.Days)}"] is null
                    && int.TryParse(config[RetentionOptions.LegacyDaysKey], out var days)) o.Days = days;
            });
        return services;
    }

    /// <summary>The Wolverine adapter (<see cref="WolverineQueueOperations"/>) and the shared statistics snapshot.</summary>
    public static IServiceCollection AddQueueOperations(this IServiceCollection services)
    {
        services.AddValidatedOptions<QueueHealthOptions>(QueueHealthOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WolverineQueueOperations>();
        services.TryAddSingleton<IQueueStatsReader>(sp => sp.GetRequiredService<WolverineQueueOperations>());
        services.TryAddSingleton<QueueStatsSnapshot>();
        return services;
    }
}
