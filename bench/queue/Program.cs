using System.Diagnostics;
using System.Text.Json;
using AiSales.Bench.Queue;
using AiSales.Core.Messaging;
using JasperFx.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;
using Wolverine.Postgresql;
using Wolverine.Postgresql.Transport;
using Wolverine.Runtime;

// Benchmark of Wolverine's PostgreSQL transport as the app uses it (see bench/queue.sh). Two Wolverine hosts in this
// process, both on the given database: a publisher (routes NoOp to the PostgreSQL queue "bench", no listener, like the
// Webhooks service) and a listener (ListenToPostgresqlQueue with the given MaximumParallelMessages and
// MaximumMessagesToReceive, polling 1 s, queue notifications on, like the Worker's listeners in MessageQueues.Listen).
// For each parallel:batch configuration, in a fresh schema:
//   load:  N no-op messages published by P concurrent publishers, PER_TX messages per transaction through the app's
//          PostgresOutbox (stored in our Npgsql transaction, flushed to the queue after the commit) or plain
//          IMessageBus.SendAsync (--mode bus), while the listener runs; reports published/s, handled/s (first publish →
//          last handler), settled (queue, inbox and outbox empty, read through Wolverine's API) and enqueue → handler
//          latency p50/p90/p99/max over all N. --rate R paces the publishers (open loop: a message's clock starts at its
//          due time); without it they publish as fast as they can and the latency includes the backlog.
//   then idle: one message per transaction, one at a time, 20 ms apart (first 10 discarded): enqueue → handler latency
//          with an idle listener (the notification wake-up path).
// Everything Wolverine-internal is read through its public API (IMessageStore.Admin counts, PostgresqlQueue counts), never
// with SQL against its tables. The only SQL: DROP/CREATE of our own schema (--schema, default "queuebench").
// Usage: QueueBench --connection <npgsql> [--messages 20000] [--configs 16:100,64:100] [--per-tx 100] [--publishers 4]
//                   [--rate 0] [--mode outbox|bus] [--samples 200] [--warmup 500] [--timeout 300] [--schema queuebench]
//                   [--json out.json]
var opts = Args.Parse(args);
var cs = opts.GetValueOrDefault("connection") ?? throw new ArgumentException("--connection is required");
var messages = int.Parse(opts.GetValueOrDefault("messages", "20000"));
var perTx = Math.Max(1, int.Parse(opts.GetValueOrDefault("per-tx", "100")));
var publishers = Math.Max(1, int.Parse(opts.GetValueOrDefault("publishers", "4")));
var rate = double.Parse(opts.GetValueOrDefault("rate", "0"), System.Globalization.CultureInfo.InvariantCulture);
var mode = opts.GetValueOrDefault("mode", "outbox");
var samples = int.Parse(opts.GetValueOrDefault("samples", "200"));
var warmup = int.Parse(opts.GetValueOrDefault("warmup", "500"));
var timeout = TimeSpan.FromSeconds(int.Parse(opts.GetValueOrDefault("timeout", "300")));
var schema = opts.GetValueOrDefault("schema", "queuebench");
if (mode is not ("outbox" or "bus")) throw new ArgumentException("--mode is outbox or bus");
if (!System.Text.RegularExpressions.Regex.IsMatch(schema, "^[a-z_][a-z0-9_]*$")) throw new ArgumentException("--schema: lower-case identifier");
var configs = opts.GetValueOrDefault("configs", "16:100,64:100").Split(',', StringSplitOptions.RemoveEmptyEntries)
    .Select(c => c.Split(':')).Select(p => (Parallel: int.Parse(p[0]), Batch: p.Length > 1 ? int.Parse(p[1]) : 100)).ToList();
const string Queue = "bench";

await using var db = NpgsqlDataSource.Create(cs);
var results = new List<object>();
var failed = false;

foreach (var (parallel, batch) in configs)
{
    await Exec(db, $"DROP SCHEMA IF EXISTS {schema} CASCADE");
    using var listener = Build(cs, schema, listen: (parallel, batch));
    using var publisher = Build(cs, schema, listen: null);
    await listener.StartAsync();
    await publisher.StartAsync();

    // Warm-up (code generation, JIT, pools, notification connection), not measured.
    Probe.Reset(warmup);
    await PublishAsync(publisher, db, warmup, perTx, publishers, 0, mode);
    await WaitHandledAsync(warmup, timeout);

    Probe.Reset(messages);
    var t0 = Stopwatch.GetTimestamp();
    var published = await PublishAsync(publisher, db, messages, perTx, publishers, rate, mode);
    var handledAll = await WaitHandledAsync(messages, timeout);
    var handled = Stopwatch.GetElapsedTime(t0, handledAll ? Probe.LastHandledAt : Stopwatch.GetTimestamp());
    var settled = await WaitSettledAsync(listener, Queue, TimeSpan.FromSeconds(60));
    var settledAt = Stopwatch.GetElapsedTime(t0);
    var counts = await Runtime(listener).Storage.Admin.FetchCountsAsync();
    await publisher.StopAsync();
    await listener.StopAsync();

    var lat = Percentiles(Probe.SortedLatencies());
    var row = new
    {
        parallel, batch, messages, perTx, publishers, rate, mode,
        publishSeconds = Math.Round(published.TotalSeconds, 3),
        publishedPerSec = Math.Round(messages / published.TotalSeconds),
        handled = Probe.Handled,
        handledPerSec = Math.Round(Probe.Handled / handled.TotalSeconds),
        handledSeconds = Math.Round(handled.TotalSeconds, 3),
        settledSeconds = settled ? Math.Round(settledAt.TotalSeconds, 3) : (double?)null,
        latency = lat,
        duplicates = Probe.Duplicates,
        deadLetters = counts.DeadLetter,
        timedOut = !handledAll,
    };
    results.Add(row);
    failed |= !handledAll || counts.DeadLetter > 0;
    Console.WriteLine($"load parallel={parallel} batch={batch} n={messages} ({mode}, {perTx}/tx, {publishers} publishers{(rate > 0 ? $", {rate}/s" : "")}): " +
        $"published {row.publishedPerSec}/s in {row.publishSeconds} s; handled {row.handled} at {row.handledPerSec}/s in {row.handledSeconds} s" +
        $"{(handledAll ? "" : " (TIMED OUT)")}; settled {(settled ? $"at {row.settledSeconds} s" : "NOT within 60 s")}; " +
        $"latency p50 {lat?.p50Ms} ms p90 {lat?.p90Ms} p99 {lat?.p99Ms} max {lat?.maxMs}; duplicates {row.duplicates}, dead letters {row.deadLetters}");
}

// Idle latency: one message at a time through the outbox, an idle listener woken by the queue notification.
object? idle = null;
if (samples > 0)
{
    var (parallel, batch) = configs[0];
    await Exec(db, $"DROP SCHEMA IF EXISTS {schema} CASCADE");
    using var listener = Build(cs, schema, listen: (parallel, batch));
    using var publisher = Build(cs, schema, listen: null);
    await listener.StartAsync();
    await publisher.StartAsync();
    var total = samples + 10;
    Probe.Reset(total);
    var latencies = new List<double>();
    for (var i = 0; i < total; i++)
    {
        var before = Probe.Handled;
        var stamp = Stopwatch.GetTimestamp();
        await SendChunkAsync(publisher, db, [new NoOp(i, stamp)], "outbox");
        var waited = Stopwatch.StartNew();
        while (Probe.Handled == before && waited.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(1);
        if (Probe.Handled == before) { Console.WriteLine($"idle: message {i} not handled within 10 s"); failed = true; break; }
        await Task.Delay(20);
    }
    await publisher.StopAsync();
    await listener.StopAsync();
    latencies.AddRange(Probe.LatenciesByNumber().Where(p => p.Number >= 10).Select(p => p.Ms)); // first 10 warm up
    latencies.Sort();
    var lat = Percentiles([.. latencies]);
    idle = new { parallel, batch, samples = latencies.Count, latency = lat };
    Console.WriteLine($"idle (parallel={parallel} batch={batch}), one at a time, n={latencies.Count}: p50 {lat?.p50Ms} ms | p90 {lat?.p90Ms} | p99 {lat?.p99Ms} | max {lat?.maxMs}");
}

await Exec(db, $"DROP SCHEMA IF EXISTS {schema} CASCADE");
if (opts.GetValueOrDefault("json") is { } json)
    await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new { cores = Environment.ProcessorCount, results, idle }));
return failed ? 1 : 0;

static IHost Build(string cs, string schema, (int Parallel, int Batch)? listen)
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
    builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
        .AddFilter("Wolverine.Configuration.HandlerDiscovery", LogLevel.Error); // the publisher has no handlers, on purpose
    builder.UseWolverine(o =>
    {
        o.ServiceName = listen is null ? "queue-bench-publisher" : "queue-bench-listener";
        o.UsePostgresqlPersistenceAndTransport(cs, schema, schema).AutoProvision().EnableQueueNotifications();
        o.PublishMessage<NoOp>().ToPostgresqlQueue(Queue);
        o.UseRuntimeCompilation();
        o.Discovery.DisableConventionalDiscovery();
        if (listen is { } l)
        {
            o.Discovery.IncludeType(typeof(NoOpHandler));
            o.ListenToPostgresqlQueue(Queue)
                .MaximumMessagesToReceive(l.Batch)
                .PollingInterval(1.Seconds())
                .MaximumParallelMessages(l.Parallel);
        }
    });
    builder.Services.AddSingleton<PostgresOutbox>();
    return builder.Build();
}

static IWolverineRuntime Runtime(IHost host) => host.Services.GetRequiredService<IWolverineRuntime>();

// Publishes `count` messages in chunks of perTx from `publishers` concurrent tasks; returns the time to the last flush.
static async Task<TimeSpan> PublishAsync(IHost publisher, NpgsqlDataSource db, int count, int perTx, int publishers, double rate, string mode)
{
    var chunks = (count + perTx - 1) / perTx;
    var next = -1;
    var t0 = Stopwatch.GetTimestamp();
    await Task.WhenAll(Enumerable.Range(0, publishers).Select(_ => Task.Run(async () =>
    {
        int c;
        while ((c = Interlocked.Increment(ref next)) < chunks)
        {
            var first = c * perTx;
            long stamp;
            if (rate > 0)
            {
                // Open loop: the chunk is due at t0 + first/rate; its messages' clock starts then, late or not.
                var due = t0 + (long)(first / rate * Stopwatch.Frequency);
                var wait = due - Stopwatch.GetTimestamp();
                if (wait > 0) await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
                stamp = due;
            }
            else stamp = Stopwatch.GetTimestamp();
            var chunk = Enumerable.Range(first, Math.Min(perTx, count - first)).Select(i => (object)new NoOp(i, stamp)).ToList();
            await SendChunkAsync(publisher, db, chunk, mode);
        }
    })));
    return Stopwatch.GetElapsedTime(t0);
}

static async Task SendChunkAsync(IHost publisher, NpgsqlDataSource db, IReadOnlyList<object> chunk, string mode)
{
    if (mode == "outbox")
    {
        // What the services do (DeliveryCommitter, OutboundMessageQueue): envelopes stored in our transaction, sent after the commit.
        var outbox = publisher.Services.GetRequiredService<PostgresOutbox>();
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var stored = await outbox.StoreAsync(tx, chunk);
        await tx.CommitAsync();
        await stored.SentAsync();
    }
    else
    {
        await using var scope = publisher.Services.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        foreach (var m in chunk) await bus.SendAsync(m);
    }
}

static async Task<bool> WaitHandledAsync(int count, TimeSpan timeout)
{
    var sw = Stopwatch.StartNew();
    while (Probe.Handled < count && sw.Elapsed < timeout) await Task.Delay(2);
    return Probe.Handled >= count;
}

// Nothing left for Wolverine to do: the queue (due and scheduled), the inbox and the outbox are empty. Public API only.
static async Task<bool> WaitSettledAsync(IHost listener, string queue, TimeSpan timeout)
{
    var runtime = Runtime(listener);
    var q = runtime.Options.Transports.OfType<PostgresqlTransport>().Single().Queues[queue];
    var sw = Stopwatch.StartNew();
    while (sw.Elapsed < timeout)
    {
        var counts = await runtime.Storage.Admin.FetchCountsAsync();
        if (await q.CountAsync() + await q.ScheduledCountAsync() + counts.Incoming + counts.Outgoing == 0) return true;
        await Task.Delay(20);
    }
    return false;
}

static LatencySummary? Percentiles(double[] sorted)
{
    if (sorted.Length == 0) return null;
    double P(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    return new LatencySummary(sorted.Length, Math.Round(P(0.5), 2), Math.Round(P(0.9), 2), Math.Round(P(0.99), 2), Math.Round(sorted[^1], 2));
}

static async Task Exec(NpgsqlDataSource db, string sql)
{
    await using var cmd = db.CreateCommand(sql);
    await cmd.ExecuteNonQueryAsync();
}

#pragma warning disable IDE1006 // JSON field names
internal sealed record LatencySummary(int samples, double p50Ms, double p90Ms, double p99Ms, double maxMs);
#pragma warning restore IDE1006

internal static class Args
{
    public static Dictionary<string, string> Parse(string[] args)
    {
        var d = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
            if (args[i].StartsWith("--"))
                d[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--") ? args[++i] : "true";
        return d;
    }
}
