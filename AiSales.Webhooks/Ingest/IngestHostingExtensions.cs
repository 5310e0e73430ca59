using AiSales.Core.Channels;
using AiSales.Core.Inbound.Signatures;
using AiSales.Core.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AiSales.Webhooks.Ingest;

public static class IngestHostingExtensions
{
    /// <summary>
    /// Meta's deliveries in: the signature check (section <c>Meta</c>, secrets required here), the body and batch limits
    /// (section <c>Webhooks</c>) and the group committer that stores a delivery and its job before the 200.
    /// </summary>
    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<MetaOptions>(MetaOptions.Section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MetaOptions>, MetaIngestOptionsValidator>());
        services.AddValidatedOptions<WebhookOptions>(WebhookOptions.Section);
        services.AddSingleton<IngestTelemetry>();
        // Built once from the configured secrets; rotation = restart with the new list.
        services.AddSingleton(sp => new MetaSignatureVerifier(sp.GetRequiredService<IOptions<MetaOptions>>().Value.AppSecrets));
        services.AddSingleton<DeliveryCommitter>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryCommitter>());
        return builder;
    }
}
