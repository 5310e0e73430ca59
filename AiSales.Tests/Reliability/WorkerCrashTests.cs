using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using AiSales.Core.Inbound.Signatures;
using AiSales.Tests.Hosting;
using AiSales.Tests.Infrastructure;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Xunit.Abstractions;

namespace AiSales.Tests.Reliability;

/// <summary>
/// The whole app as the AppHost runs it, with the Worker process killed by SIGKILL while it works through a
/// backlog. The AppHost restarts it, the dead node's leases expire, and every delivery still ends up stored
/// once and answered once.
/// </summary>
public sealed class WorkerCrashTests(ITestOutputHelper output)
{
    private const int Customers = 300;

    [Fact]
    public async Task Worker_killed_mid_backlog_loses_nothing_and_answers_every_customer_exactly_once()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = timeout.Token;
        var host = await TestAppHost.CreateAsync(ct);
        var builder = host.Builder;
        var state = host.StateDirectory;
        // Short leases so the dead node's jobs come back within seconds (heartbeat well inside the lease).
        var worker = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "worker");
        builder.CreateResourceBuilder(worker)
            .WithEnvironment("Messaging__Durability__LeaseDuration", "00:00:06")
            .WithEnvironment("Messaging__Durability__HeartbeatInterval", "00:00:02")
            .WithEnvironment("Messaging__Durability__RecoveryInterval", "00:00:02");
        List<int> pids = [];
        try
        {
            var app = await host.StartAsync(ct);
            foreach (var name in (string[])["postgres", "redis", "webhooks", "worker", "dashboard"])
                await app.ResourceNotifications.WaitForResourceHealthyAsync(name, ct);

            var resources = await ReadResourcesAsync(state, ct);
            var secret = resources.GetProperty("secrets").GetProperty("metaAppSecret").GetString()!;
            var account = resources.GetProperty("demo").GetProperty("channelExternalId").GetString()!;
            var db = resources.GetProperty("connectionStrings").GetProperty("aisales").GetString()!;
            var firstWorkerPid = Pid(resources, "worker");

            // A backlog: one message from each of many customers, all accepted before the crash.
            using var http = app.CreateHttpClient("webhooks");
            var statuses = await Task.WhenAll(Enumerable.Range(0, Customers).Select(i => PostAsync(http, secret, account, i, ct)));
            Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));

            // Kill the Worker as soon as it is busy with the backlog.
            await WaitUntilAsync(async () => await ScalarAsync(db, "SELECT count(*) FROM processed_events", ct) >= 10, ct);
            Process.GetProcessById(firstWorkerPid).Kill();
            var processedAtKill = await ScalarAsync(db, "SELECT count(*) FROM processed_events", ct);
            var sentAtKill = await ScalarAsync(db, "SELECT count(*) FROM outbound_sends WHERE state = 'sent'", ct);
            output.WriteLine($"SIGKILL with {processedAtKill}/{Customers} events processed and {sentAtKill} replies sent");
            // Replies wait out the debounce window, so the crash always lands with work in flight.
            Assert.True(sentAtKill < Customers, "the Worker had already finished everything before it was killed");

            // The AppHost notices and starts a new Worker.
            JsonElement restarted = default;
            await WaitUntilAsync(async () =>
            {
                restarted = await ReadResourcesAsync(state, ct);
                var w = Resource(restarted, "worker");
                // A new launcher counted as a restart, and its service up: the old pid alone can linger for a moment.
                return w.GetProperty("restarts").GetInt32() >= 1 && Pid(restarted, "worker") != firstWorkerPid
                    && w.GetProperty("state").GetString() == "Healthy";
            }, ct);
            Assert.True(Resource(restarted, "worker").GetProperty("restarts").GetInt32() >= 1);

            // Everything accepted is stored once and answered once.
            await WaitUntilAsync(async () =>
                await ScalarAsync(db, "SELECT count(*) FROM outbound_sends WHERE state = 'sent'", ct) >= Customers - 2, ct);
            await Task.Delay(TimeSpan.FromSeconds(2), ct); // let any duplicate that was going to happen show up

            Assert.Equal(Customers, await ScalarAsync(db, "SELECT count(*) FROM webhook_deliveries WHERE status = 'processed'", ct));
            Assert.Equal(Customers, await ScalarAsync(db, "SELECT count(*) FROM messages WHERE direction = 'inbound'", ct));
            Assert.Equal(Customers, await ScalarAsync(db, "SELECT count(DISTINCT external_id) FROM messages WHERE direction = 'inbound'", ct));
            Assert.Equal(Customers, await ScalarAsync(db, "SELECT count(*) FROM conversations", ct));
            Assert.Equal(0, await ScalarAsync(db,
                "SELECT count(*) FROM (SELECT conversation_id FROM messages WHERE author = 'ai' GROUP BY conversation_id HAVING count(*) > 1) d", ct));
            Assert.Equal(Customers, await ScalarAsync(db, "SELECT count(*) FROM outbound_sends", ct));
            Assert.Equal(0, await ScalarAsync(db, "SELECT count(*) FROM queue.dead_letters", ct));

            resources = await ReadResourcesAsync(state, ct);
            pids = [.. resources.GetProperty("resources").EnumerateArray()
                .Where(r => r.GetProperty("pid").ValueKind == JsonValueKind.Number).Select(r => r.GetProperty("pid").GetInt32())];
        }
        finally
        {
            await host.DisposeAsync();
        }
        await ProcessAssert.AllGoneAsync(pids);
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, string secret, string account, int i, CancellationToken ct)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var body = Encoding.UTF8.GetBytes($$$"""
            {"object":"instagram","entry":[{"id":"{{{account}}}","time":{{{ts}}},"messaging":[{"sender":{"id":"crash-customer-{{{i}}}"},"recipient":{"id":"{{{account}}}"},"timestamp":{{{ts}}},"message":{"mid":"mid.crash.{{{i}}}","text":"شگد سعر التيشيرت؟"}}]}]}
            """);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/instagram") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.TryAddWithoutValidation(MetaSignature.HeaderName, MetaSignature.Compute(secret, body));
        using var response = await http.SendAsync(request, ct);
        return response.StatusCode;
    }

    private static async Task<JsonElement> ReadResourcesAsync(string state, CancellationToken ct)
    {
        // Rewritten atomically (temp + rename) by the AppHost, so a read never sees half a file.
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(state, "resources.json"), ct));
        return doc.RootElement.Clone();
    }

    private static JsonElement Resource(JsonElement resources, string name) =>
        resources.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("name").GetString() == name);

    private static int Pid(JsonElement resources, string name) => Resource(resources, name).GetProperty("pid") is { ValueKind: JsonValueKind.Number } p
        ? p.GetInt32() : 0;

    private static Task<long> ScalarAsync(string connectionString, string sql, CancellationToken ct) =>
        TestSql.ScalarAsync<long>(connectionString, sql).WaitAsync(ct);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, CancellationToken ct)
    {
        while (!await condition()) await Task.Delay(200, ct);
    }
}
