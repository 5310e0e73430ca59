using System.Diagnostics;
using System.Text.Json;
using AiSales.Bench.Queue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;
using Wolverine.Postgresql;

// Queue benchmark for the Wolverine shim (see bench/queue.sh):
//   1. drain: N no-op jobs pre-enqueued, then a node starts and we time until all are handled and deleted,
//      for each workers:batch configuration;
//   2. latency: an idle node, one message at a time, enqueue-to-handler-start (p50/p99).
// Usage: QueueBench --connection <npgsql> [--jobs 20000] [--configs 4:20,8:50,16:100] [--samples 200] [--json out.json]
//        QueueBench --print-ddl            (the shim's DDL, for the pgbench script)
//        QueueBench --print-fetch-sql      (the shim's batch-fetch statement, psql/pgbench variables)
var opts = Args.Parse(args);
if (opts.ContainsKey("print-ddl")) { Console.WriteLine(PostgresqlSchema.CreateSql(opts.GetValueOrDefault("schema", "queue"))); return 0; }
if (opts.ContainsKey("print-fetch-sql")) { Console.WriteLine(FetchSql.ForPgbench(opts.GetValueOrDefault("schema", "queue"))); return 0; }

var cs = opts.GetValueOrDefault("connection") ?? throw new ArgumentException("--connection is required");
var jobs = int.Parse(opts.GetValueOrDefault("jobs", "20000"));
var samples = int.Parse(opts.GetValueOrDefault("samples", "200"));
var configs = opts.GetValueOrDefault("configs", "4:20,8:50,16:100").Split(',')
    .Select(c => c.Split(':')).Select(p => (Workers: int.Parse(p[0]), Batch: int.Parse(p[1]))).ToList();

await using var db = NpgsqlDataSource.Create(cs);
await Exec(db, PostgresqlSchema.CreateSql());
var results = new List<object>();

foreach (var (workers, batch) in configs)
{
    await Exec(db, "TRUNCATE queue.jobs, queue.dead_letters, queue.nodes");
    var probe = new BenchProbe();
    using var host = Build(cs, probe, workers, batch, typeof(NoOpHandler));

    // Enqueue before the node starts so the drain measures consumption only; 1,000 rows per transaction.
    var outbox = host.Services.GetRequiredService<IPostgresqlOutbox>();
    var enqueue = Stopwatch.StartNew();
    for (var start = 0; start < jobs; start += 1000)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await outbox.EnqueueAsync(conn, tx, [.. Enumerable.Range(start, Math.Min(1000, jobs - start)).Select(i => (object)new NoOp(i))]);
        await tx.CommitAsync();
    }
    var enqueueRate = jobs / enqueue.Elapsed.TotalSeconds;

    var drain = Stopwatch.StartNew();
    await host.StartAsync();
    while (probe.Handled < jobs) await Task.Delay(2);
    var handled = drain.Elapsed;
    while (await Scalar(db, "SELECT count(*) FROM queue.jobs") > 0) await Task.Delay(5);
    var deleted = drain.Elapsed;
    await host.StopAsync();

    var row = new { workers, batch, jobs, enqueuePerSec = Math.Round(enqueueRate), handledPerSec = Math.Round(jobs / handled.TotalSeconds),
        drainedPerSec = Math.Round(jobs / deleted.TotalSeconds), drainSeconds = Math.Round(deleted.TotalSeconds, 3) };
    results.Add(row);
    Console.WriteLine($"drain workers={workers} batch={batch} jobs={jobs}: enqueue {row.enqueuePerSec}/s, handled {row.handledPerSec}/s, drained (rows deleted) {row.drainedPerSec}/s in {row.drainSeconds} s");
}

// Idle latency: default tuning (what the services run), one message at a time with a pause between.
{
    await Exec(db, "TRUNCATE queue.jobs, queue.dead_letters, queue.nodes");
    var probe = new BenchProbe();
    using var host = Build(cs, probe, null, null, typeof(StampedHandler));
    await host.StartAsync();
    await Task.Delay(500); // LISTEN connection up
    var latencies = new List<double>();
    for (var i = 0; i < samples + 10; i++)
    {
        probe.Started = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (var scope = host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(new Stamped(i, Stopwatch.GetTimestamp()));
        var ticks = await probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        if (i >= 10) latencies.Add(ticks * 1000.0 / Stopwatch.Frequency); // first 10 warm up JIT and pools
        await Task.Delay(20);
    }
    await host.StopAsync();
    latencies.Sort();
    double P(double q) => latencies[Math.Clamp((int)Math.Ceiling(q * latencies.Count) - 1, 0, latencies.Count - 1)];
    var lat = new { samples = latencies.Count, p50Ms = Math.Round(P(0.5), 2), p90Ms = Math.Round(P(0.9), 2), p99Ms = Math.Round(P(0.99), 2), maxMs = Math.Round(latencies[^1], 2) };
    Console.WriteLine($"latency idle, one at a time (n={lat.samples}): p50 {lat.p50Ms} ms | p90 {lat.p90Ms} | p99 {lat.p99Ms} | max {lat.maxMs}");
    results.Add(new { latency = lat });
}

await Exec(db, "TRUNCATE queue.jobs, queue.dead_letters, queue.nodes");
if (opts.GetValueOrDefault("json") is { } json)
    await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new { cores = Environment.ProcessorCount, results }));
return 0;

static IHost Build(string cs, BenchProbe probe, int? workers, int? batch, Type handler)
{
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddSingleton(probe);
    builder.Services.AddWolverine(o =>
    {
        o.ServiceName = "queue-bench";
        o.Discovery.DisableConventionalDiscovery();
        o.Discovery.IncludeType(handler);
        o.PersistMessagesWithPostgresql(cs);
        if (workers is { } w) o.Durability.WorkerCount = w;
        if (batch is { } b) o.Durability.BatchSize = b;
        o.Durability.DrainTimeout = TimeSpan.FromSeconds(5);
    });
    return builder.Build();
}

static async Task Exec(NpgsqlDataSource db, string sql)
{
    await using var cmd = db.CreateCommand(sql);
    await cmd.ExecuteNonQueryAsync();
}

static async Task<long> Scalar(NpgsqlDataSource db, string sql)
{
    await using var cmd = db.CreateCommand(sql);
    return (long)(await cmd.ExecuteScalarAsync())!;
}

static class Args
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
