using AiSales.Core.Channels;
using AiSales.Core.Inbound.Signatures;
using Microsoft.Extensions.Options;

namespace AiSales.Webhooks.Ingest;

public static class IngestServiceCollectionExtensions
{
    public static IServiceCollection AddIngest(this IServiceCollection services)
    {
        services.AddSingleton<IngestTelemetry>();
        // Built once from the configured secrets; rotation = restart with the new list.
        services.AddSingleton(sp => new MetaSignatureVerifier(sp.GetRequiredService<IOptions<MetaOptions>>().Value.AppSecrets));
        services.AddSingleton<DeliveryCommitter>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryCommitter>());
        return services;
    }
}
