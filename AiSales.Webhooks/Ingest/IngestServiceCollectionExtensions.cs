namespace AiSales.Webhooks.Ingest;

public static class IngestServiceCollectionExtensions
{
    public static IServiceCollection AddIngest(this IServiceCollection services)
    {
        services.AddSingleton<IngestTelemetry>();
        services.AddSingleton<DeliveryCommitter>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryCommitter>());
        return services;
    }
}
