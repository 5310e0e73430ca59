using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AiSales.Core.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>Meter "AiSales.Queue" (depth and oldest age per message type) from a snapshot refreshed every ~5 s.
    /// Needs messaging (AddMessaging) registered.</summary>
    public static IServiceCollection AddQueueMetrics(this IServiceCollection services)
    {
        AddSnapshot(services);
        services.AddMetrics();
        services.TryAddSingleton<QueueMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, QueueMetrics>(sp => sp.GetRequiredService<QueueMetrics>()));
        return services;
    }

    /// <summary>What the ops API uses: queue health, ops queries, config validation, retention settings.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        AddSnapshot(services);
        services.AddOptions<QueueHealthOptions>().BindConfiguration(QueueHealthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<QueueHealth>();
        services.TryAddSingleton<OperationsStore>();
        services.TryAddSingleton<ConfigValidator>();
        return services;
    }

    private static void AddSnapshot(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<QueueStatsSnapshot>();
    }
}
