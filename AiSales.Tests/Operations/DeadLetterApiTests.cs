using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiSales.Tests.Ingest;
using AiSales.Tests.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;
using Wolverine.ErrorHandling;

namespace AiSales.Tests.Operations;

/// <summary>Real dead letters (a worker host whose handler always throws) driven through the ops API, plus queue health with and without a live worker.</summary>
public sealed class DeadLetterApiTests : IAsyncLifetime
{
    private WebhooksAppFactory _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _app = await WebhooksAppFactory.StartAsync("opsdl");
        _http = _app.CreateClient();
        _http.DefaultRequestHeaders.Add("X-Ops-Key", WebhooksAppFactory.OpsKey);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private IHost Worker() => MessagingTestHost.Build(_app.ConnectionString,
        opts => opts.Policies.OnException<FlakyException>().MoveToErrorQueue(), null, typeof(AlwaysFailsHandler));

    private Task<long> Jobs() => _app.ScalarAsync($"SELECT count(*) FROM queue.jobs WHERE message_type = '{typeof(AlwaysFails).FullName}'");

    [Fact]
    public async Task Dead_letter_round_trip_list_retry_and_discard()
    {
        using (var worker = Worker())
        {
            await worker.StartAsync();
            var bus = worker.Services.GetRequiredService<IMessageBus>();
            await bus.PublishAsync(new AlwaysFails(1));
            await bus.PublishAsync(new AlwaysFails(2));
            await MessagingTestHost.EventuallyAsync(async () => await DeadLettersAsync() is { Count: 2 }, "two dead letters");
            await worker.StopAsync(); // so a retried job stays visible in queue.jobs instead of failing again
        }

        var list = await DeadLettersAsync();
        Assert.All(list, d =>
        {
            Assert.Equal(typeof(FlakyException).FullName, d.GetProperty("exceptionType").GetString());
            Assert.StartsWith("boom ", d.GetProperty("exceptionMessage").GetString());
            Assert.Equal(1, d.GetProperty("attempts").GetInt32());
            Assert.True(d.GetProperty("failedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        });
        var stats = await _http.GetFromJsonAsync<JsonElement>("/api/queue/stats");
        Assert.Equal(2, stats.GetProperty("types").EnumerateArray().Single(t => t.GetProperty("messageType").GetString() == typeof(AlwaysFails).FullName)
            .GetProperty("dead").GetInt64());
        var retryId = list[0].GetProperty("id").GetGuid();
        var discardId = list[1].GetProperty("id").GetGuid();
        Assert.Equal(0, await Jobs());

        using var retry = await _http.PostAsync($"/api/queue/dead-letters/{retryId}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(1, await Jobs());
        Assert.Equal(list[0].GetProperty("body").GetString(), await BodyOfJobAsync());

        using var discard = await _http.DeleteAsync($"/api/queue/dead-letters/{discardId}");
        Assert.Equal(HttpStatusCode.NoContent, discard.StatusCode);
        Assert.Empty(await DeadLettersAsync());
        Assert.Equal(1, await Jobs()); // discarding does not enqueue

        using var retryAgain = await _http.PostAsync($"/api/queue/dead-letters/{retryId}/retry", null);
        using var discardAgain = await _http.DeleteAsync($"/api/queue/dead-letters/{discardId}");
        Assert.Equal(HttpStatusCode.NotFound, retryAgain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, discardAgain.StatusCode);
    }

    [Fact]
    public async Task Retry_failed_moves_every_dead_letter_of_the_type_back()
    {
        using (var worker = Worker())
        {
            await worker.StartAsync();
            var bus = worker.Services.GetRequiredService<IMessageBus>();
            for (var i = 0; i < 3; i++) await bus.PublishAsync(new AlwaysFails(i));
            await MessagingTestHost.EventuallyAsync(async () => await DeadLettersAsync() is { Count: 3 }, "three dead letters");
            await worker.StopAsync();
        }

        using var other = await _http.PostAsync("/api/queue/retry-failed?type=Some.Other.Type", null);
        Assert.Equal(0, (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("retried").GetInt32());
        using var response = await _http.PostAsync($"/api/queue/retry-failed?type={typeof(AlwaysFails).FullName}", null);

        Assert.Equal(3, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("retried").GetInt32());
        Assert.Equal(3, await Jobs());
        Assert.Empty(await DeadLettersAsync());
    }

    [Fact]
    public async Task Health_is_503_with_a_reason_without_a_live_worker_and_200_with_one()
    {
        using var without = await _http.GetAsync("/api/queue/health");
        var body = await without.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, without.StatusCode);
        Assert.Contains(body.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("No worker node heartbeat"));

        using var worker = Worker();
        await worker.StartAsync();
        try
        {
            using var with = await _http.GetAsync("/api/queue/health");
            Assert.Equal(HttpStatusCode.OK, with.StatusCode);
            Assert.Equal(1, (await with.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("liveNodes").GetInt32());
            var status = await _http.GetFromJsonAsync<JsonElement>("/api/status");
            Assert.Single(status.GetProperty("nodes").EnumerateArray());
        }
        finally { await worker.StopAsync(); }
    }

    [Fact]
    public async Task Health_is_503_when_the_oldest_waiting_message_is_too_old()
    {
        await using var strict = _app.WithWebHostBuilder(b => b.UseSetting("Ops:QueueHealth:MaxOldestWaiting", "00:00:01")
            .UseSetting("Ops:QueueHealth:RequireLiveNode", "false"));
        using var http = strict.CreateClient();
        http.DefaultRequestHeaders.Add("X-Ops-Key", WebhooksAppFactory.OpsKey);
        using (var healthy = await http.GetAsync("/api/queue/health"))
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);

        await _app.ScalarAsync("""
            INSERT INTO queue.jobs (id, message_type, body, run_at) VALUES (gen_random_uuid(), 'Stuck.Message', '{}', now() - interval '10 minutes') RETURNING 1
            """);

        // The health check reads the shared snapshot (refreshed at most every 5 s): poll until it sees the row.
        JsonElement body = default;
        await MessagingTestHost.EventuallyAsync(async () =>
        {
            using var r = await http.GetAsync("/api/queue/health");
            body = await r.Content.ReadFromJsonAsync<JsonElement>();
            return r.StatusCode == HttpStatusCode.ServiceUnavailable;
        }, "health turns 503");
        Assert.Contains(body.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("Stuck.Message"));
    }

    private async Task<List<JsonElement>> DeadLettersAsync() =>
        (await _http.GetFromJsonAsync<List<JsonElement>>($"/api/queue/dead-letters?type={typeof(AlwaysFails).FullName}&limit=10"))!;

    private async Task<string> BodyOfJobAsync()
    {
        await using var conn = new Npgsql.NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand($"SELECT body::text FROM queue.jobs WHERE message_type = '{typeof(AlwaysFails).FullName}'", conn);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }
}
