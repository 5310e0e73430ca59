using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiSales.Tests.Infrastructure;
using AiSales.Tests.Dashboard;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;
using Wolverine.Util;

namespace AiSales.Tests.Operations;

/// <summary>
/// Real Wolverine dead letters (a worker whose handler always throws) driven through the ops API, plus queue health with
/// and without a live worker. Each test has its own Dashboard (the ops API's host) and database.
/// </summary>
public sealed class DeadLetterApiTests : IAsyncLifetime
{
    private static readonly string FailsType = typeof(OpsAlwaysFails).ToMessageTypeName();
    private static int _numbers = 1000;

    private DashboardAppFactory _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _app = await DashboardAppFactory.StartAsync("opsdl");
        _http = DashboardAppFactory.OpsClient(_app);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>Runs a worker until <paramref name="count"/> messages of a fresh number range are dead letters; returns the numbers.</summary>
    private async Task<int[]> DeadLettersOfFreshMessagesAsync(int count)
    {
        var numbers = Enumerable.Range(0, count).Select(_ => Interlocked.Increment(ref _numbers)).ToArray();
        using var worker = OpsWolverineHost.Worker(_app.ConnectionString);
        await worker.StartAsync();
        try
        {
            var bus = worker.Services.GetRequiredService<IMessageBus>();
            foreach (var n in numbers) await bus.PublishAsync(new OpsAlwaysFails(n));
            await Eventually.UntilAsync(async () => (await DeadLettersAsync()).Count == count, $"{count} dead letters");
        }
        finally { await worker.StopAsync(); } // nobody consumes afterwards: what the test sees next is the API's doing
        return numbers;
    }

    [Fact]
    public async Task Dead_letter_round_trip_list_retry_and_discard()
    {
        var numbers = await DeadLettersOfFreshMessagesAsync(2);

        using var listed = await _http.GetAsync($"/ops/api/queue/dead-letters?type={FailsType}&limit=10");
        var list = (await listed.Content.ReadFromJsonAsync<List<JsonElement>>())!;
        Assert.Equal("2", listed.Headers.GetValues("X-Total-Count").Single());
        Assert.All(list, d =>
        {
            Assert.Equal(FailsType, d.GetProperty("messageType").GetString());
            Assert.Equal(typeof(OpsFailure).FullName, d.GetProperty("exceptionType").GetString());
            Assert.StartsWith("boom ", d.GetProperty("exceptionMessage").GetString());
            Assert.False(d.GetProperty("replayPending").GetBoolean());
            Assert.Equal("postgresql://inbound/", d.GetProperty("receivedAt").GetString());
            Assert.True(d.GetProperty("failedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        });
        // The body is the message as Wolverine serialised it.
        Assert.Equal(numbers.Order(), list.Select(d => JsonDocument.Parse(d.GetProperty("body").GetString()!).RootElement.GetProperty("number").GetInt32()).Order());
        var stats = await _http.GetFromJsonAsync<JsonElement>("/ops/api/queue/stats");
        Assert.Equal(2, stats.GetProperty("types").EnumerateArray().Single(t => t.GetProperty("messageType").GetString() == FailsType).GetProperty("dead").GetInt64());
        Assert.Equal(2, stats.GetProperty("totals").GetProperty("dead").GetInt64());

        var retry = list[0];
        var discard = list[1];
        using (var retried = await _http.PostAsync($"/ops/api/queue/dead-letters/{retry.GetProperty("id").GetGuid()}/retry", null))
            Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        using (var discarded = await _http.DeleteAsync($"/ops/api/queue/dead-letters/{discard.GetProperty("id").GetGuid()}"))
            Assert.Equal(HttpStatusCode.NoContent, discarded.StatusCode);

        // Marked, not yet moved: Wolverine's durability agent replays it on a later pass.
        var pending = Assert.Single(await DeadLettersAsync());
        Assert.Equal(retry.GetProperty("id").GetGuid(), pending.GetProperty("id").GetGuid());
        using (var again = await _http.DeleteAsync($"/ops/api/queue/dead-letters/{discard.GetProperty("id").GetGuid()}"))
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using (var missing = await _http.PostAsync($"/ops/api/queue/dead-letters/{Guid.NewGuid()}/retry", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        }

        // With a worker running, the replayed message is handled again (and, still failing, dead-lettered again);
        // the discarded one never is.
        var retriedNumber = JsonDocument.Parse(retry.GetProperty("body").GetString()!).RootElement.GetProperty("number").GetInt32();
        var discardedNumber = JsonDocument.Parse(discard.GetProperty("body").GetString()!).RootElement.GetProperty("number").GetInt32();
        using var worker = OpsWolverineHost.Worker(_app.ConnectionString);
        await worker.StartAsync();
        try
        {
            await Eventually.UntilAsync(() => Task.FromResult(OpsAlwaysFailsHandler.Calls(retriedNumber) == 2),
                "the replayed message handled a second time", TimeSpan.FromSeconds(90));
            await Eventually.UntilAsync(async () => (await DeadLettersAsync()) is [var d] && !d.GetProperty("replayPending").GetBoolean(),
                "the replayed message dead-lettered again");
        }
        finally { await worker.StopAsync(); }
        Assert.Equal(1, OpsAlwaysFailsHandler.Calls(discardedNumber));
        Assert.Equal(1, Assert.Single(await DeadLettersAsync()).GetProperty("replayCount").GetInt32());
    }

    [Fact]
    public async Task Retry_failed_marks_every_dead_letter_of_the_type_for_replay()
    {
        await DeadLettersOfFreshMessagesAsync(3);

        using var other = await _http.PostAsync("/ops/api/queue/retry-failed?type=Some.Other.Type", null);
        Assert.Equal(0, (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("retried").GetInt32());
        Assert.All(await DeadLettersAsync(), d => Assert.False(d.GetProperty("replayPending").GetBoolean()));

        using var response = await _http.PostAsync($"/ops/api/queue/retry-failed?type={FailsType}", null);

        Assert.Equal(3, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("retried").GetInt32());
        var after = await DeadLettersAsync();
        Assert.Equal(3, after.Count);
        Assert.All(after, d => Assert.True(d.GetProperty("replayPending").GetBoolean()));
    }

    [Fact]
    public async Task Health_is_503_with_a_reason_without_a_live_worker_and_200_with_one()
    {
        using var without = await _http.GetAsync("/ops/api/queue/health");
        var body = await without.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, without.StatusCode);
        Assert.Contains(body.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("No worker node heartbeat"));
        Assert.Equal(0, body.GetProperty("liveNodes").GetInt32());

        using var worker = OpsWolverineHost.Worker(_app.ConnectionString);
        await worker.StartAsync();
        try
        {
            // The worker's node row appears when it registers (its first health check); poll.
            JsonElement health = default;
            await Eventually.UntilAsync(async () =>
            {
                using var r = await _http.GetAsync("/ops/api/queue/health");
                health = await r.Content.ReadFromJsonAsync<JsonElement>();
                return r.StatusCode == HttpStatusCode.OK;
            }, "health turns 200");
            Assert.Equal(1, health.GetProperty("liveNodes").GetInt32());
            var status = await _http.GetFromJsonAsync<JsonElement>("/ops/api/status");
            Assert.Single(status.GetProperty("nodes").EnumerateArray(), n => !n.GetProperty("isSelf").GetBoolean());
        }
        finally { await worker.StopAsync(); }
    }

    [Fact]
    public async Task Health_is_503_naming_the_queue_and_type_when_the_oldest_waiting_message_is_too_old()
    {
        // Nothing consumes "inbound" here.
        var body = await HealthWhenAMessageWaitsTooLongAsync(bus => bus.PublishAsync(new OpsProbe(1)).AsTask());

        var reason = Assert.Single(body.GetProperty("reasons").EnumerateArray()).GetString()!;
        Assert.Contains("inbound", reason);
        Assert.Contains(typeof(OpsProbe).ToMessageTypeName(), reason);
        Assert.True(body.GetProperty("oldestWaitingSeconds").GetDouble() > 1);
    }

    [Fact]
    public async Task Health_is_503_naming_the_lane_when_a_scheduled_message_in_the_workers_is_overdue()
    {
        // A debounced reply whose time has come and that no Worker takes (their scheduled-message poll stopped).
        var body = await HealthWhenAMessageWaitsTooLongAsync(bus => bus.ScheduleAsync(new OpsLocalProbe(1), TimeSpan.FromMilliseconds(200)).AsTask());

        var reason = Assert.Single(body.GetProperty("reasons").EnumerateArray()).GetString()!;
        Assert.Contains("replies (scheduled in the Workers", reason);
        Assert.True(body.GetProperty("oldestWaitingSeconds").GetDouble() > 1);
    }

    /// <summary>
    /// With a one-second oldest-wait limit and no live node required: healthy first, then <paramref name="send"/> from a
    /// sender, then the health body once it answers 503 (it reads the shared snapshot, refreshed at most every 5 s).
    /// </summary>
    private async Task<JsonElement> HealthWhenAMessageWaitsTooLongAsync(Func<IMessageBus, Task> send)
    {
        await using var strict = _app.WithWebHostBuilder(b => b.UseSetting("Ops:QueueHealth:MaxOldestWaiting", "00:00:01")
            .UseSetting("Ops:QueueHealth:RequireLiveNode", "false"));
        using var http = DashboardAppFactory.OpsClient(strict);
        using (var healthy = await http.GetAsync("/ops/api/queue/health"))
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);

        using (var sender = OpsWolverineHost.Sender(_app.ConnectionString))
        {
            await sender.StartAsync();
            await send(sender.Services.GetRequiredService<IMessageBus>());
            await sender.StopAsync();
        }

        JsonElement body = default;
        await Eventually.UntilAsync(async () =>
        {
            using var r = await http.GetAsync("/ops/api/queue/health");
            body = await r.Content.ReadFromJsonAsync<JsonElement>();
            return r.StatusCode == HttpStatusCode.ServiceUnavailable;
        }, "health turns 503");
        return body;
    }

    [Fact]
    public async Task Health_is_503_when_dead_letters_reach_the_limit()
    {
        await DeadLettersOfFreshMessagesAsync(2);
        await using var strict = _app.WithWebHostBuilder(b => b.UseSetting("Ops:QueueHealth:MaxDeadLetters", "2")
            .UseSetting("Ops:QueueHealth:RequireLiveNode", "false"));
        using var http = DashboardAppFactory.OpsClient(strict);

        using var response = await http.GetAsync("/ops/api/queue/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, body.GetProperty("deadLetters").GetInt64());
        Assert.Contains(body.GetProperty("reasons").EnumerateArray(), r => r.GetString() == "2 dead letters (limit 2).");
    }

    private async Task<List<JsonElement>> DeadLettersAsync() =>
        (await _http.GetFromJsonAsync<List<JsonElement>>($"/ops/api/queue/dead-letters?type={FailsType}&limit=10"))!;
}
