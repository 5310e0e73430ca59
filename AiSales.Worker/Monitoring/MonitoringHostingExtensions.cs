using AiSales.Core.Operations;
using AiSales.Core.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiSales.Worker.Monitoring;

public static class MonitoringHostingExtensions
{
    /// <summary>
    /// The channel health watch (section "Monitoring", validated at start) and the queue meter "AiSales.Queue".
    /// Needs the data source and messaging.
    /// </summary>
    public static IHostApplicationBuilder AddMonitoring(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<ChannelHealthWatchOptions>(ChannelHealthWatchOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<ChannelHealthWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<ChannelHealthWatch>());
        services.AddQueueMetrics();
        return builder;
    }
}
