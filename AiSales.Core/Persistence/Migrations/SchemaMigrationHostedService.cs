using Microsoft.Extensions.Hosting;

namespace AiSales.Core.Persistence.Migrations;

/// <summary>
/// Migrates in <see cref="StartingAsync"/>, which the host runs for every lifecycle service before any
/// hosted service's StartAsync: queue consumers, the demo seeder and endpoints never see an old schema.
/// A failure stops the host (better than running against the wrong schema).
/// </summary>
internal sealed class SchemaMigrationHostedService(SchemaMigrator migrator) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
