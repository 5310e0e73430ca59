using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using AiSales.Tests.Infrastructure;
using Npgsql;

namespace AiSales.Tests.Ingest;

/// <summary>
/// Postgres dies (immediate stop) while signed deliveries arrive concurrently: every answer must be 200
/// or 503 + Retry-After, quickly, never 500; after a restart the service recovers by itself, and every
/// delivery answered 200 is stored whole with its queue job (nothing lost, nothing half-written).
/// </summary>
public sealed class DatabaseOutageTests
{
    private sealed record Outcome(int Number, HttpStatusCode Status, bool HasRetryAfter, TimeSpan Elapsed, string Phase);

    private static string Body(int n) =>
        $$$"""{"object":"instagram","entry":[{"id":"17841400000000001","time":1700000000000,"messaging":[{"sender":{"id":"{{{2000 + n}}}"},"recipient":{"id":"17841400000000001"},"timestamp":1700000000000,"message":{"mid":"mid.outage.{{{n}}}","text":"outage {{{n}}} {{{new string('x', n % 500)}}}"}}]}]}""";

    [Fact]
    public async Task Answers_are_200_or_503_during_an_outage_and_every_200_is_stored_whole_with_its_job()
    {
        await using var pg = await PrivatePostgres.StartAsync();
        var infra = await TestInfrastructure.GetAsync();
        await using var app = new WebhooksAppFactory(pg.ConnectionString(), infra.RedisConnectionString);
        using var http = app.CreateClient(); // starts the host: migrations + queue tables on the private server

        var outcomes = new ConcurrentBag<Outcome>();
        var next = 0;
        var phase = "before";
        using var stop = new CancellationTokenSource();

        async Task PostLoopAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref next);
                var current = Volatile.Read(ref phase);
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(WebhooksAppFactory.SignedPost("instagram", Encoding.UTF8.GetBytes(Body(n))));
                outcomes.Add(new Outcome(n, response.StatusCode, response.Headers.RetryAfter is not null, Stopwatch.GetElapsedTime(started), current));
                if (response.StatusCode != HttpStatusCode.OK) await Task.Delay(50); // a polite client backs off a little
            }
        }

        var posters = Enumerable.Range(0, 16).Select(_ => Task.Run(PostLoopAsync)).ToArray();
        await Eventually.UntilAsync(() => outcomes.Count(o => o.Status == HttpStatusCode.OK) >= 100, "100 deliveries stored before the outage");

        Volatile.Write(ref phase, "down");
        await pg.StopImmediateAsync();
        await Eventually.UntilAsync(() => outcomes.Count(o => o.Phase == "down" && o.Status == HttpStatusCode.ServiceUnavailable) >= 20, "503s while Postgres is down");

        await pg.StartServerAsync();
        Volatile.Write(ref phase, "after");
        await Eventually.UntilAsync(() => outcomes.Count(o => o.Phase == "after" && o.Status == HttpStatusCode.OK) >= 100, "the service storing again after the restart");
        await stop.CancelAsync();
        await Task.WhenAll(posters);

        // Resumed for good: fresh posts all succeed.
        for (var i = 0; i < 10; i++)
        {
            var n = Interlocked.Increment(ref next);
            using var response = await http.SendAsync(WebhooksAppFactory.SignedPost("instagram", Encoding.UTF8.GetBytes(Body(n))));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            outcomes.Add(new Outcome(n, response.StatusCode, false, TimeSpan.Zero, "after"));
        }

        var all = outcomes.ToList();
        Assert.All(all, o => Assert.True(o.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"#{o.Number} ({o.Phase}) answered {(int)o.Status}"));
        Assert.All(all.Where(o => o.Status == HttpStatusCode.ServiceUnavailable), o => Assert.True(o.HasRetryAfter, $"#{o.Number} 503 without Retry-After"));
        Assert.All(all, o => Assert.True(o.Elapsed < TimeSpan.FromSeconds(8), $"#{o.Number} ({o.Phase}) took {o.Elapsed.TotalSeconds:0.0} s"));

        var ok = all.Where(o => o.Status == HttpStatusCode.OK).Select(o => o.Number).ToHashSet();
        var unavailable = all.Where(o => o.Status == HttpStatusCode.ServiceUnavailable).Select(o => o.Number).ToHashSet();
        // Every stored delivery has its job: a Worker started now processes them all (a job whose send was cut by the
        // outage waits in Wolverine's outbox and is sent by its durability agent).
        await using (await IngestWorker.StartAsync(pg.ConnectionString()))
            await IngestWorker.WaitUntilAllProcessedAsync(pg.ConnectionString(), TimeSpan.FromMinutes(3));
        var stored = await StoredAsync(pg.ConnectionString());
        // The promise: every 200 is stored. The reverse cannot hold when Postgres dies mid-COMMIT: the commit may land
        // while its acknowledgement is lost, so that request answers 503 although its row exists. Meta then redelivers
        // it and the pipeline's dedupe drops the copy. So extra rows may exist, but only for requests that got a 503.
        Assert.Subset(stored.Keys.ToHashSet(), ok);
        Assert.Subset(ok.Union(unavailable).ToHashSet(), stored.Keys.ToHashSet());
        foreach (var (n, (body, processed)) in stored)
        {
            Assert.Equal(Body(n), body);
            Assert.True(processed, $"delivery for #{n} was not processed: no job");
        }
    }

    /// <summary>Delivery number (from the mid) → stored body and whether its ProcessWebhookDelivery job processed it.</summary>
    private static async Task<Dictionary<int, (string Body, bool Processed)>> StoredAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 60 }.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT convert_from(d.body, 'UTF8'),
                   d.status = 'processed'
                       AND EXISTS (SELECT 1 FROM unroutable_events u WHERE u.delivery_id = d.id)
            FROM webhook_deliveries d
            """, conn);
        var result = new Dictionary<int, (string, bool)>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            var body = r.GetString(0);
            var mid = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("entry")[0].GetProperty("messaging")[0]
                .GetProperty("message").GetProperty("mid").GetString()!;
            result.Add(int.Parse(mid["mid.outage.".Length..]), (body, r.GetBoolean(1)));
        }
        return result;
    }
}
