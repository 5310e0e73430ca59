using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using AiSales.Tests.Hosting;
using AiSales.Tests.Infrastructure;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Xunit.Abstractions;

namespace AiSales.Tests.Reliability;

/// <summary>
/// The whole app as the AppHost runs it, with the Worker process killed by SIGKILL while it works through a
/// backlog. The AppHost restarts it, Wolverine declares the dead node dead and recovers its envelopes, and every
/// delivery still ends up stored once and answered once.
/// </summary>
[Collection(AiSales.Tests.Browser.BrowserCollection.Name)] // whole-AppHost launches one at a time (BrowserCollection)
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
        List<int> pids = [];
        try
        {
            var app = await host.StartAsync(ct);
            await host.WaitForHealthyAsync(ct, "postgres", "redis", "webhooks", "worker", "dashboard");

            var resources = await WorkerCrash.ReadResourcesAsync(state, ct);
            var secret = resources.GetProperty("secrets").GetProperty("metaAppSecret").GetString()!;
            var account = resources.GetProperty("demo").GetProperty("channelExternalId").GetString()!;
            var db = resources.GetProperty("connectionStrings").GetProperty("aisales").GetString()!;
            var firstWorkerPid = WorkerCrash.Pid(resources, "worker");

            // A backlog: one message from each of many customers, all accepted before the crash.
            using var http = app.CreateHttpClient("webhooks");
            var statuses = await Task.WhenAll(Enumerable.Range(0, Customers).Select(i => WorkerCrash.PostAsync(http, secret, account, $"crash-{i}", ct)));
            Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));

            // Kill the Worker as soon as it is busy with the backlog.
            await Eventually.UntilAsync(async () => await WorkerCrash.ScalarAsync(db, "SELECT count(*) FROM processed_events", ct) >= 10,
                "10 events processed", Timeout.InfiniteTimeSpan, ct);
            Process.GetProcessById(firstWorkerPid).Kill();
            var processedAtKill = await WorkerCrash.ScalarAsync(db, "SELECT count(*) FROM processed_events", ct);
            var sentAtKill = await WorkerCrash.ScalarAsync(db, "SELECT count(*) FROM outbound_sends WHERE state = 'sent'", ct);
            output.WriteLine($"SIGKILL with {processedAtKill}/{Customers} events processed and {sentAtKill} replies sent");
            // Replies wait out the debounce window, so the crash always lands with work in flight.
            Assert.True(sentAtKill < Customers, "the Worker had already finished everything before it was killed");

            // The AppHost notices and starts a new Worker.
            JsonElement restarted = default;
            await Eventually.UntilAsync(async () =>
            {
                restarted = await WorkerCrash.ReadResourcesAsync(state, ct);
                var w = WorkerCrash.Resource(restarted, "worker");
                // A new launcher counted as a restart, and its service up: the old pid alone can linger for a moment.
                return w.GetProperty("restarts").GetInt32() >= 1 && WorkerCrash.Pid(restarted, "worker") != firstWorkerPid
                    && w.GetProperty("state").GetString() == "Healthy";
            }, "a restarted, healthy Worker", Timeout.InfiniteTimeSpan, ct);
            Assert.True(WorkerCrash.Resource(restarted, "worker").GetProperty("restarts").GetInt32() >= 1);

            // Everything accepted is stored once and answered once.
            await Eventually.UntilAsync(async () =>
                await WorkerCrash.ScalarAsync(db, "SELECT count(*) FROM outbound_sends WHERE state = 'sent'", ct) >= Customers - 2,
                "the replies sent", Timeout.InfiniteTimeSpan, ct);
            // A duplicate could only come from work Wolverine still holds: once none is left, every one would have shown.
            await WorkerCrash.WaitForNoWorkLeftAsync(db, ct);

            await WorkerCrash.AssertEachCustomerAnsweredOnceAsync(app, resources, db, Customers, ct);

            resources = await WorkerCrash.ReadResourcesAsync(state, ct);
            pids = [.. resources.GetProperty("resources").EnumerateArray()
                .Where(r => r.GetProperty("pid").ValueKind == JsonValueKind.Number).Select(r => r.GetProperty("pid").GetInt32())];
        }
        finally
        {
            await host.DisposeAsync();
        }
        await ProcessAssert.AllGoneAsync(pids);
    }
}
