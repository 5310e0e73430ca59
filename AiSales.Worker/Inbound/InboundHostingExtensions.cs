using AiSales.Core.Inbound;
using AiSales.Core.Inbound.Dedupe;
using AiSales.Core.Inbound.Recording;
using AiSales.Core.Inbound.Routing;
using AiSales.Core.Operations;
using AiSales.Core.Options;
using AiSales.Worker.Maintenance;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AiSales.Worker.Inbound;

public static class InboundHostingExtensions
{
    /// <summary>
    /// The inbound pipeline's services (normalizer, dedupe, routing, event processor, telemetry) and the
    /// retention timer. Needs NpgsqlDataSource, IConnectionMultiplexer and messaging registered by the host.
    /// </summary>
    public static IHostApplicationBuilder AddInbound(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<InboundPipelineOptions>(InboundPipelineOptions.Section)
            .Configure<IConfiguration>((o, config) => o.OurAppId ??= config["Meta:AppId"]);
        services.AddRetentionOptions();

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<IMetaPayloadNormalizer, MetaPayloadNormalizer>();
        services.AddSingleton<PipelineTelemetry>();
        services.AddSingleton<EventDedupeFilter>();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<InboundPipelineOptions>>().Value;
            return new ChannelRouter(sp.GetRequiredService<TimeProvider>())
            {
                DefaultDebounceSeconds = o.DefaultDebounceSeconds,
                DefaultHumanQuietMinutes = o.DefaultHumanQuietMinutes,
            };
        });
        services.AddSingleton<InboundEventProcessor>();
        // WhatsApp reports a send's fate only as a status webhook; the reconciler settles the ledger from it.
        services.TryAddSingleton<WhatsAppStatusReconciler>();
        services.AddSingleton<RetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());
        return builder;
    }
}
