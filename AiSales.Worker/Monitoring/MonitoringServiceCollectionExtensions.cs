using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiSales.Worker.Monitoring;

public static class MonitoringServiceCollectionExtensions
{
    /// <summary>The channel health watch (section "Monitoring", validated at start). Needs the data source and messaging.</summary>
    public static IServiceCollection AddChannelHealthWatch(this IServiceCollection services)
    {
        services.AddValidatedOptions<ChannelHealthWatchOptions>(ChannelHealthWatchOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<ChannelHealthWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<ChannelHealthWatch>());
        return services;
    }
}
