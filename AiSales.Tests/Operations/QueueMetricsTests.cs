using System.Diagnostics.Metrics;
using AiSales.Core.Operations;
using AiSales.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Wolverine;

namespace AiSales.Tests.Operations;

public sealed class QueueMetricsTests
{
    /// <summary>Counts reads, so the test can see the snapshot absorbing repeated ones.</summary>
    private sealed class CountingReader(IQueueStatsReader inner) : IQueueStatsReader
    {
        public int Calls;
        public Task<QueueStatsRead> ReadAsync(CancellationToken ct = default)
        {
            Interlocked.Increment(ref Calls);
            return inner.ReadAsync(ct);
        }
    }

    private static async Task<string> DatabaseAsync() => await (await TestInfrastructure.GetAsync()).CreateDatabaseAsync("opsm");

    [Fact]
    public async Task Snapshot_reads_once_per_five_seconds_however_often_it_is_read()
    {
        using var host = OpsWolverineHost.Sender(await DatabaseAsync(), s => s.AddQueueOperations());
        await host.StartAsync();
        try
        {
            var counting = new CountingReader(host.Services.GetRequiredService<IQueueStatsReader>());
            var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
            var snapshot = new QueueStatsSnapshot(counting, clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<QueueStatsSnapshot>.Instance);

            var first = await snapshot.GetAsync();
            await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => snapshot.GetAsync()));
            clock.Advance(TimeSpan.FromSeconds(4));
            var stillCached = await snapshot.GetAsync();
            clock.Advance(TimeSpan.FromSeconds(2));
            var refreshed = await snapshot.GetAsync();

            Assert.Same(first, stillCached);
            Assert.NotSame(first, refreshed);
            Assert.Equal(2, counting.Calls);
            Assert.Equal(["inbound", "replies", "sends", "integrations"], first.Stats.Queues.Select(q => q.Queue));
        }
        finally { await host.StopAsync(); }
    }

    [Fact]
    public async Task Gauges_report_depth_and_age_per_queue_and_the_store_counts_from_the_snapshot()
    {
        using var host = OpsWolverineHost.Sender(await DatabaseAsync(), s => s.AddQueueMetrics());
        await host.StartAsync();
        try
        {
            var bus = host.Services.GetRequiredService<IMessageBus>();
            await bus.PublishAsync(new OpsProbe(1));
            await bus.PublishAsync(new OpsProbe(2));
            await bus.ScheduleAsync(new OpsProbe(3), TimeSpan.FromHours(1));

            var depth = new Dictionary<(string Queue, string State), long>();
            var store = new Dictionary<string, long>();
            var age = new Dictionary<string, double>();
            using var listener = new MeterListener();
            listener.InstrumentPublished = (i, l) => { if (i.Meter.Name == QueueMetrics.MeterName) l.EnableMeasurementEvents(i); };
            listener.SetMeasurementEventCallback<long>((i, v, tags, _) =>
            {
                var t = tags.ToArray().ToDictionary(x => x.Key, x => (string)x.Value!);
                if (i.Name == "aisales.queue.depth") depth[(t["queue"], t["state"])] = v;
                if (i.Name == "aisales.queue.store") store[t["state"]] = v;
            });
            listener.SetMeasurementEventCallback<double>((i, v, tags, _) =>
            {
                if (i.Name == "aisales.queue.oldest_waiting_age") age[(string)tags.ToArray().Single(x => x.Key == "queue").Value!] = v;
            });
            listener.Start();

            // The background refresh runs every 5 s: poll the gauges until they show the new messages (~10 s alone; once
            // over 60 s in a loaded CI run, so the limit is wider and a timeout says what the gauges showed last: e.g.
            // outgoing 2 would mean the sender's hand-over to the queue had not happened, not that the gauges are wrong).
            try
            {
                await Eventually.UntilAsync(() =>
                {
                    listener.RecordObservableInstruments();
                    return Task.FromResult(depth.GetValueOrDefault(("inbound", "waiting")) == 2 && depth.GetValueOrDefault(("inbound", "scheduled")) == 1);
                }, "gauges show 2 waiting and 1 scheduled in inbound", TimeSpan.FromMinutes(2));
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message}; last seen: depth {string.Join(", ", depth.Select(d => $"{d.Key}={d.Value}"))}; " +
                    $"store {string.Join(", ", store.Select(d => $"{d.Key}={d.Value}"))}", e);
            }
            Assert.Equal(0, depth[("replies", "waiting")]);
            Assert.Equal(0, depth[("sends", "waiting")]);
            Assert.True(age["inbound"] >= 0);
            Assert.Equal(0, age["replies"]);
            Assert.Equal(0, store["running"]);
            Assert.Equal(0, store["dead"]);
        }
        finally { await host.StopAsync(); }
    }
}
