using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AiSales.Tests.ServiceDefaults;

/// <summary>AddServiceDefaults exports our "AiSales.*" sources and meters and Wolverine's, and nobody else's by accident.</summary>
public class TelemetryExportTests
{
    [Fact]
    public async Task Our_sources_and_meters_and_Wolverine_are_exported()
    {
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.AddServiceDefaults();
        builder.Services.AddOpenTelemetry()
            .WithTracing(t => t.AddInMemoryExporter(spans))
            .WithMetrics(m => m.AddInMemoryExporter(metrics));
        using var host = builder.Build();
        await host.StartAsync();
        // Names of this test's own, so spans of tests running in parallel cannot be mistaken for them.
        var ours = $"AiSales.ExportTest{Guid.NewGuid():N}";
        var stranger = $"Stranger.ExportTest{Guid.NewGuid():N}";

        using (var source = new ActivitySource(ours)) source.StartActivity("ours")?.Dispose();
        using (var source = new ActivitySource(stranger)) source.StartActivity("stranger")?.Dispose();
        using (var wolverine = new ActivitySource(Extensions.DurableMessagingTelemetry)) wolverine.StartActivity($"{ours} process")?.Dispose();
        using (var meter = new Meter(ours)) meter.CreateCounter<long>("aisales.export_test", "{thing}").Add(3);
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();

        lock (spans)
        {
            Assert.Contains(spans, s => s.Source.Name == ours);
            Assert.Contains(spans, s => s.Source.Name == Extensions.DurableMessagingTelemetry && s.DisplayName == $"{ours} process");
            Assert.DoesNotContain(spans, s => s.Source.Name == stranger);
        }
        var exported = Assert.Single(metrics, m => m.MeterName == ours);
        Assert.Equal("{thing}", exported.Unit);
        await host.StopAsync();
    }
}
