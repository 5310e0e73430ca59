using JasperFx.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiSales.Core.Messaging;

/// <summary>
/// Wolverine's table setup at a service's start, run again when another service created the same table or index a moment
/// earlier. The setup checks what is missing and then creates it without IF NOT EXISTS, so services starting together
/// on a fresh database both found the queue tables missing and the second failed its start ("relation
/// idx_wolverine_queue_sends_timestamp already exists", a Worker's exit 134 under the whole-AppHost tests). Run again,
/// it finds the other service's tables and creates what is still missing.
/// </summary>
internal sealed class RetryingResourceSetup(IServiceProvider services, ILogger<RetryingResourceSetup> logger) : IHostedService
{
    private const int Attempts = 5;

    /// <summary>In place of JasperFx's own setup service, first among the hosted services as <c>AddResourceSetupOnStartup</c> puts it.</summary>
    public static void Add(IServiceCollection services)
    {
        services.AddResourceSetupOnStartup();
        var index = services.ToList().FindIndex(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ResourceSetupHostService));
        services[index] = ServiceDescriptor.Singleton<IHostedService, RetryingResourceSetup>();
    }

    public async Task StartAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ActivatorUtilities.CreateInstance<ResourceSetupHostService>(services).StartAsync(ct);
                return;
            }
            catch (Exception ex) when (attempt < Attempts && CreatedMeanwhile(ex))
            {
                logger.LogInformation("Another service created Wolverine's tables at the same time ({Reason}); setting up again (attempt {Attempt})",
                    Innermost(ex).Message, attempt + 1);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), ct);
            }
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    // 42P07 a table or index, 42P06 a schema, 42710 another object already exists; 23505 two CREATE ... IF NOT EXISTS raced
    // on the catalog's unique index.
    private static bool CreatedMeanwhile(Exception ex) =>
        Chain(ex).OfType<PostgresException>().Any(p => p.SqlState is "42P07" or "42P06" or "42710" or "23505");

    private static IEnumerable<Exception> Chain(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException agg)
                foreach (var inner in agg.InnerExceptions.SelectMany(Chain)) yield return inner;
        }
    }

    private static Exception Innermost(Exception ex) => Chain(ex).Last();
}
