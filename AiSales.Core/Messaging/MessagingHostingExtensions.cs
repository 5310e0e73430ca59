using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Wolverine;
using Wolverine.Postgresql;

namespace AiSales.Core.Messaging;

public static class MessagingHostingExtensions
{
    /// <summary>
    /// Durable messaging on the service's own Postgres (the "aisales" database, schema "queue").
    /// Services that only enqueue (Webhooks, Dashboard) pass <paramref name="consume"/> = false: their
    /// messages are stored and picked up by the Worker, which has the handlers.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(this IHostApplicationBuilder builder, bool consume = false,
        Action<WolverineOptions>? configure = null)
    {
        var connectionString = builder.Configuration.GetConnectionString("aisales")
            ?? throw new InvalidOperationException("ConnectionStrings:aisales is required (env ConnectionStrings__aisales).");
        builder.UseWolverine(opts =>
        {
            opts.ServiceName = $"{builder.Environment.ApplicationName}:{Environment.MachineName}:{Environment.ProcessId}";
            opts.PersistMessagesWithPostgresql(connectionString);
            MessagingPolicies.Apply(opts);
            configure?.Invoke(opts);
            // Operators tune leases, batch sizes and polling without a rebuild (Messaging:Durability:LeaseDuration,
            // :BatchSize, :WorkerCount, ...); configuration wins over the service's coded defaults.
            builder.Configuration.GetSection("Messaging:Durability").Bind(opts.Durability);
            if (!consume) opts.Durability.Mode = DurabilityMode.MediatorOnly;
        });
        return builder;
    }
}
