using System.Diagnostics.Metrics;
using AiSales.Core.Operations;
using AiSales.Tests.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;
using Wolverine.Postgresql;

namespace AiSales.Tests.Operations;

public sealed class QueueMetricsTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>Counts statistics queries, so the test can see the snapshot absorbing repeated reads.</summary>
    private sealed class CountingStatistics(IQueueStatistics inner) : IQueueStatistics
    {
        public int Calls;
        public Task<IReadOnlyList<MessageTypeQueueStats>> GetAsync(CancellationToken ct = default)
        {
            Interlocked.Increment(ref Calls);
            return inner.GetAsync(ct);
        }
    }

    private static IHost SenderHost(string cs, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddWolverine(o =>
        {
            o.Discovery.DisableConventionalDiscovery();
            o.PersistMessagesWithPostgresql(cs);
            o.Durability.Mode = DurabilityMode.MediatorOnly;
        });
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    [Fact]
    public async Task Snapshot_queries_once_per_five_seconds_however_often_it_is_read()
    {
        var cs = await MessagingTestHost.CreateDatabaseWithSchemaAsync();
        using var host = SenderHost(cs);
        var counting = new CountingStatistics(host.Services.GetRequiredService<IQueueStatistics>());
        var clock = new ManualClock();
        var snapshot = new QueueStatsSnapshot(counting, clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<QueueStatsSnapshot>.Instance);

        var first = await snapshot.GetAsync();
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => snapshot.GetAsync()));
        clock.Now += TimeSpan.FromSeconds(4);
        var stillCached = await snapshot.GetAsync();
        clock.Now += TimeSpan.FromSeconds(2);
        var refreshed = await snapshot.GetAsync();

        Assert.Same(first, stillCached);
        Assert.NotSame(first, refreshed);
        Assert.Equal(2, counting.Calls);
    }

    [Fact]
    public async Task Gauges_report_depth_per_type_and_state_from_the_snapshot()
    {
        var cs = await MessagingTestHost.CreateDatabaseWithSchemaAsync();
        using var host = SenderHost(cs, s => s.AddQueueMetrics());
        await host.StartAsync();
        try
        {
            using (var scope = host.Services.CreateScope())
            {
                var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
                await bus.PublishAsync(new Unhandled(1));
                await bus.PublishAsync(new Unhandled(2));
                await bus.ScheduleAsync(new Unhandled(3), TimeSpan.FromHours(1));
            }
            var type = typeof(Unhandled).FullName!;
            var depth = new Dictionary<string, long>();
            double? age = null;
            using var listener = new MeterListener();
            listener.InstrumentPublished = (i, l) => { if (i.Meter.Name == QueueMetrics.MeterName) l.EnableMeasurementEvents(i); };
            listener.SetMeasurementEventCallback<long>((i, v, tags, _) =>
            {
                var t = tags.ToArray().ToDictionary(x => x.Key, x => x.Value);
                if (i.Name == "aisales.queue.depth" && (string?)t["message.type"] == type) depth[(string)t["state"]!] = v;
            });
            listener.SetMeasurementEventCallback<double>((i, v, tags, _) =>
            {
                if (i.Name == "aisales.queue.oldest_waiting_age" && (string?)tags.ToArray().Single(x => x.Key == "message.type").Value == type) age = v;
            });
            listener.Start();

            // The background refresh runs every 5 s: poll the gauges until they show the new rows.
            await MessagingTestHost.EventuallyAsync(() =>
            {
                listener.RecordObservableInstruments();
                return depth.GetValueOrDefault("waiting") == 2 && depth.GetValueOrDefault("scheduled") == 1;
            }, "gauges show 2 waiting and 1 scheduled");
            Assert.Equal(0, depth["running"]);
            Assert.Equal(0, depth["dead"]);
            Assert.NotNull(age);
            Assert.True(age >= 0);
        }
        finally { await host.StopAsync(); }
    }
}
