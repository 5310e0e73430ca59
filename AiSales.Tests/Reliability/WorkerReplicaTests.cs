using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AiSales.Tests.Infrastructure;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Xunit;
using Xunit.Abstractions;

namespace AiSales.Tests.Reliability;

/// <summary>
/// Two Workers share the queues. One is SIGKILLed while both are busy and is not started again: the survivor must take
/// over the dead node's work (Wolverine's node agents notice the missing heartbeat and hand its envelopes on) and
/// finish everything: every accepted message processed once, every customer answered once, nothing dead-lettered.
/// </summary>
[Collection(AiSales.Tests.Browser.BrowserCollection.Name)] // whole-AppHost launches one at a time (BrowserCollection)
public sealed class WorkerReplicaTests(ITestOutputHelper output)
{
    private const int Customers = 300;

    [Fact]
    public async Task One_of_two_workers_killed_mid_load_and_the_other_finishes_everything_exactly_once()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var ct = timeout.Token;
        await using var host = await TestAppHost.CreateAsync(ct, "--AppHost:WorkerReplicas=2", "--AppHost:RestartCrashedServices=false");
        var app = await host.StartAsync(ct);
        await host.WaitForHealthyAsync(ct, "postgres", "redis", "webhooks", "worker", "dashboard");

        var resources = await WorkerCrash.ReadResourcesAsync(host.StateDirectory, ct);
        var secret = resources.GetProperty("secrets").GetProperty("metaAppSecret").GetString()!;
        var account = resources.GetProperty("demo").GetProperty("channelExternalId").GetString()!;
        var db = resources.GetProperty("connectionStrings").GetProperty("aisales").GetString()!;
        var workers = resources.GetProperty("resources").EnumerateArray()
            .Where(r => r.GetProperty("name").GetString()!.StartsWith("worker-", StringComparison.Ordinal)
                && r.GetProperty("pid").ValueKind == JsonValueKind.Number)
            .Select(r => r.GetProperty("pid").GetInt32()).ToList();
        Assert.Equal(2, workers.Count);

        using var http = app.CreateHttpClient("webhooks");
        var statuses = await Task.WhenAll(Enumerable.Range(0, Customers).Select(i => WorkerCrash.PostAsync(http, secret, account, $"replica-{i}", ct)));
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));

        // Kill one Worker while the backlog is being worked through.
        await Eventually.UntilAsync(async () => await WorkerCrash.ScalarAsync(db, "SELECT count(*) FROM processed_events", ct) >= 20,
            "20 events processed", Timeout.InfiniteTimeSpan, ct);
        Process.GetProcessById(workers[0]).Kill();
        var sentAtKill = await WorkerCrash.ScalarAsync(db, "SELECT count(*) FROM outbound_sends WHERE state = 'sent'", ct);
        output.WriteLine($"SIGKILL of worker pid {workers[0]} with {sentAtKill}/{Customers} replies sent");
        Assert.True(sentAtKill < Customers, "everything was done before the kill");

        var watch = Stopwatch.StartNew();
        long sent = 0;
        try
        {
            await Eventually.UntilAsync(async () =>
                (sent = await WorkerCrash.ScalarAsync(db, "SELECT count(*) FROM outbound_sends WHERE state = 'sent'", ct)) >= Customers,
                "every reply sent", Timeout.InfiniteTimeSpan, ct);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"only {sent}/{Customers} replies sent {watch.Elapsed.TotalSeconds:0} s after the kill");
        }
        output.WriteLine($"the surviving worker finished the rest {watch.Elapsed.TotalSeconds:0.0} s after the kill");
        // A duplicate could only come from work Wolverine still holds: once none is left, every one would have shown.
        await WorkerCrash.WaitForNoWorkLeftAsync(db, ct);

        Assert.False(ProcessAlive(workers[0]), "the killed worker came back; this test needs it to stay dead");
        await WorkerCrash.AssertEachCustomerAnsweredOnceAsync(app, resources, db, Customers, ct);
    }

    private static bool ProcessAlive(int pid)
    {
        try { return !Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }
}
