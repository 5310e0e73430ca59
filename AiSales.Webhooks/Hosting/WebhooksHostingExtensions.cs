using AiSales.Core.Messaging;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Migrations;

namespace AiSales.Webhooks.Hosting;

public static class WebhooksHostingExtensions
{
    /// <summary>
    /// Postgres, Redis, messaging (enqueue only: the Worker consumes), the schema migrations and problem details.
    /// No session state on any connection here (see StatelessSessionTuning), so the ingest statement stays prepared
    /// across batches.
    /// </summary>
    public static IHostApplicationBuilder AddWebhooksInfrastructure(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("aisales", configureDataSourceBuilder: b => StatelessSessionTuning.Apply(b));
        builder.AddRedisClient("redis");
        builder.Services.AddRedisConnectionAtStart();
        builder.AddMessaging();
        builder.Services.AddSchemaMigrations();
        builder.Services.AddProblemDetails();
        return builder;
    }
}
