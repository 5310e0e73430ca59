using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace AiSales.Tests.ServiceDefaults;

public class OpenTelemetryHostingTests
{
    private static readonly ActivitySource Source = new("AiSales.Test");

    /// <summary>Keeps exported spans in memory (the InMemory exporter is a separate package we don't have).</summary>
    private sealed class CollectingExporter(List<Activity> exported) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            lock (exported)
                foreach (var activity in batch) exported.Add(activity);
            return ExportResult.Success;
        }
    }

    [Fact]
    public async Task Starting_the_host_starts_tracing_without_anyone_resolving_the_provider()
    {
        var exported = new List<Activity>();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing
            .AddSource("AiSales.Test")
            .AddProcessor(new SimpleActivityExportProcessor(new CollectingExporter(exported))));
        using var host = builder.Build();
        await host.StartAsync();

        var operation = $"test-{Guid.NewGuid():N}";
        using (Source.StartActivity(operation)) { }
        await host.StopAsync();

        lock (exported) Assert.Contains(exported, a => a.DisplayName == operation);
    }

    [Fact]
    public void AddOpenTelemetry_registers_one_hosted_service_first_however_often_it_is_called()
    {
        var services = new ServiceCollection();
        services.AddHostedService<NoopService>();
        services.AddOpenTelemetry();
        services.AddOpenTelemetry().WithMetrics();

        var hosted = services.Where(d => d.ServiceType == typeof(IHostedService)).ToList();
        Assert.Equal(2, hosted.Count);
        Assert.Same(hosted[0], services[0]);
        Assert.NotEqual(typeof(NoopService), hosted[0].ImplementationType);
    }

    private sealed class NoopService : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
    }
}
