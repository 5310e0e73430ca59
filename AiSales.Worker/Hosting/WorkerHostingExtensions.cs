using AiSales.Core.Messaging;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Migrations;
using AiSales.Core.Security;
using AiSales.Worker.Inbound;

namespace AiSales.Worker.Hosting;

public static class WorkerHostingExtensions
{
    /// <summary>
    /// Postgres (EF and raw Npgsql), Redis, the schema migrations and token decryption. The handlers share a capped pool:
    /// each holds one connection at a time, only for its round trips (<see cref="HandlerConnections"/>). The demo shop is
    /// the Dashboard's to seed (its login, its simulator): a Worker restarts as fast as it can take its work back, and the
    /// seed's EF start-up was a third of that (docs/hosting.md).
    /// </summary>
    public static IHostApplicationBuilder AddWorkerData(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("aisales", configureDataSourceBuilder: b => StatelessSessionTuning.Apply(b, HandlerConnections.Default));
        builder.AddNpgsqlDbContextOnDataSource<AiSalesDbContext>();
        builder.AddRedisClient("redis");
        builder.Services.AddRedisConnectionAtStart();
        builder.Services.AddSchemaMigrations();
        builder.Services.AddTokenProtection();
        return builder;
    }

    /// <summary>
    /// Wolverine with this Worker's listeners (queues, their listeners and parallelism: MessageQueues). The handlers' assembly
    /// is named explicitly because under a test host the entry assembly is the test runner.
    /// </summary>
    public static IHostApplicationBuilder AddWorkerMessaging(this IHostApplicationBuilder builder)
    {
        builder.AddMessaging(consume: true, opts => opts.ApplicationAssembly = typeof(PipelineTelemetry).Assembly);
        return builder;
    }
}
