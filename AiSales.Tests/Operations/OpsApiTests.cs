using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiSales.Tests.Infrastructure;
using AiSales.Dashboard.Inbox;
using AiSales.Tests.Dashboard;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Postgresql.Transport;
using Wolverine.Runtime;
using Wolverine.Util;

namespace AiSales.Tests.Operations;

public sealed class OpsApiTests(OpsApiFixture fixture) : IClassFixture<OpsApiFixture>
{
    private WebApplicationFactory<InboxQueries> App => fixture.App;

    [Fact]
    public async Task Stats_count_waiting_and_scheduled_messages_per_queue_and_type_as_wolverine_counts_them()
    {
        using var http = fixture.Client();
        var type = typeof(OpsProbe).ToMessageTypeName();
        var before = await TypeRowAsync(http, type);
        using (var sender = OpsWolverineHost.Sender(fixture.Db.ConnectionString))
        {
            await sender.StartAsync();
            var bus = sender.Services.GetRequiredService<IMessageBus>();
            await bus.PublishAsync(new OpsProbe(1));
            await bus.PublishAsync(new OpsProbe(2));
            await bus.ScheduleAsync(new OpsProbe(3), TimeSpan.FromHours(1));
            await sender.StopAsync();
        }

        // Sent through the outbox: in the queue's tables once Wolverine has moved them there.
        (long Waiting, long Scheduled, double Oldest) row = default;
        await Eventually.UntilAsync(async () => (row = await TypeRowAsync(http, type)).Waiting == before.Waiting + 2
            && row.Scheduled == before.Scheduled + 1, "two waiting and one scheduled");
        Assert.True(row.Oldest >= 0);
        var stats = await http.GetFromJsonAsync<JsonElement>("/ops/api/queue/stats");
        // Every configured queue is reported, and the per-queue numbers are Wolverine's own counts of the same tables.
        var queues = stats.GetProperty("queues").EnumerateArray().ToDictionary(q => q.GetProperty("queue").GetString()!);
        Assert.Equal(["inbound", "integrations", "replies", "sends"], queues.Keys.Order());
        var inbound = App.Services.GetRequiredService<IWolverineRuntime>().Options.Transports.OfType<PostgresqlTransport>().Single().Queues["inbound"];
        Assert.Equal(await inbound.CountAsync(), queues["inbound"].GetProperty("waiting").GetInt64());
        Assert.Equal(await inbound.ScheduledCountAsync(), queues["inbound"].GetProperty("scheduled").GetInt64());
        Assert.True(queues["inbound"].GetProperty("oldestWaitingSeconds").GetDouble() >= 0);
        Assert.True(stats.GetProperty("totals").GetProperty("waiting").GetInt64() >= 2);
        Assert.Equal(0, stats.GetProperty("totals").GetProperty("running").GetInt64()); // nothing consumes here
    }

    [Fact]
    public async Task Stats_count_what_waits_in_the_workers_local_queue_of_a_lane_and_how_overdue_it_is()
    {
        using var http = fixture.Client();
        var before = await ReplyLaneAsync(http);
        using (var sender = OpsWolverineHost.Sender(fixture.Db.ConnectionString))
        {
            await sender.StartAsync();
            var bus = sender.Services.GetRequiredService<IMessageBus>();
            await bus.ScheduleAsync(new OpsLocalProbe(1), TimeSpan.FromHours(1));
            // Due in a second; no Worker takes it (a sender never promotes scheduled messages), so it becomes overdue.
            await bus.ScheduleAsync(new OpsLocalProbe(2), TimeSpan.FromSeconds(1));
            await sender.StopAsync();
        }

        JsonElement lane = default;
        await Eventually.UntilAsync(async () => (lane = await ReplyLaneAsync(http)).GetProperty("scheduledInWorkers").GetInt64()
            == before.GetProperty("scheduledInWorkers").GetInt64() + 2
            && lane.GetProperty("overdueInWorkersSeconds") is { ValueKind: JsonValueKind.Number } overdue && overdue.GetDouble() >= 1,
            "two scheduled in the reply lane's local queue, one of them overdue");
        // The lane's PostgreSQL queue is untouched: these never left the Workers' side.
        Assert.Equal(before.GetProperty("waiting").GetInt64(), lane.GetProperty("waiting").GetInt64());
        Assert.Equal(before.GetProperty("inWorkers").GetInt64(), lane.GetProperty("inWorkers").GetInt64());
    }

    private static async Task<JsonElement> ReplyLaneAsync(HttpClient http)
    {
        var stats = await http.GetFromJsonAsync<JsonElement>("/ops/api/queue/stats");
        return stats.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("queue").GetString() == "replies");
    }

    private static async Task<(long Waiting, long Scheduled, double Oldest)> TypeRowAsync(HttpClient http, string type)
    {
        var stats = await http.GetFromJsonAsync<JsonElement>("/ops/api/queue/stats");
        var row = stats.GetProperty("types").EnumerateArray().SingleOrDefault(t => t.GetProperty("messageType").GetString() == type);
        return row.ValueKind == JsonValueKind.Undefined ? (0, 0, -1)
            : (row.GetProperty("waiting").GetInt64(), row.GetProperty("scheduled").GetInt64(),
                row.GetProperty("oldestWaitingSeconds") is { ValueKind: JsonValueKind.Number } o ? o.GetDouble() : -1);
    }

    [Fact]
    public async Task Config_validate_reports_the_test_servers_ok_and_a_missing_secret_without_leaking_values()
    {
        using var http = fixture.Client();

        using var response = await http.GetAsync("/ops/api/config/validate");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = JsonDocument.Parse(text).RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => (Ok: c.GetProperty("ok").GetBoolean(), Detail: c.GetProperty("detail").GetString()!));
        Assert.True(checks["ConnectionStrings:aisales"].Ok, checks["ConnectionStrings:aisales"].Detail);
        var latest = AiSales.Core.Persistence.Migrations.MigrationScript.LoadEmbedded().Max(m => m.Version);
        Assert.Contains($"schema version {latest}", checks["ConnectionStrings:aisales"].Detail);
        Assert.True(checks["ConnectionStrings:redis"].Ok, checks["ConnectionStrings:redis"].Detail);
        Assert.True(checks["Meta:AppSecrets"].Ok);
        Assert.Contains($"lengths {OpsApiFixture.AppSecret.Length}, {OpsApiFixture.SecondSecret.Length}", checks["Meta:AppSecrets"].Detail);
        Assert.True(checks["Meta:VerifyToken"].Ok);
        Assert.True(checks["Meta:GraphApiBaseUrl"].Ok);
        // The factory sets no encryption key: reported, not fatal to the report.
        Assert.False(checks["Security:EncryptionKey"].Ok);
        Assert.Equal("absent", checks["Security:EncryptionKey"].Detail);
        Assert.False(JsonDocument.Parse(text).RootElement.GetProperty("ok").GetBoolean());
        foreach (var secret in new[] { OpsApiFixture.AppSecret, OpsApiFixture.SecondSecret, OpsApiFixture.VerifyToken, DashboardAppFactory.OpsKey })
            Assert.DoesNotContain(secret, text);
    }

    [Fact]
    public async Task Config_validate_reports_an_unreachable_redis_as_not_ok()
    {
        await using var broken = App.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:redis", "127.0.0.1:1,connectTimeout=500"));
        using var http = DashboardAppFactory.OpsClient(broken);

        var report = await http.GetFromJsonAsync<JsonElement>("/ops/api/config/validate");

        var redis = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "ConnectionStrings:redis");
        Assert.False(redis.GetProperty("ok").GetBoolean());
        Assert.False(report.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Status_reports_recent_deliveries_and_open_unroutable_events()
    {
        using var http = fixture.Client();
        var before = await http.GetFromJsonAsync<JsonElement>("/ops/api/status");
        // A delivery as the Webhooks service stores one on arrival (it shares the database), and an unroutable event.
        await fixture.ScalarAsync("INSERT INTO webhook_deliveries (platform, object, body) VALUES ('instagram', 'instagram', '\\x7b7d') RETURNING 1");
        await fixture.ScalarAsync("INSERT INTO unroutable_events (platform, recipient_external_id, event_kind) VALUES ('instagram', 'status-test', 'message') RETURNING 1");

        var after = await http.GetFromJsonAsync<JsonElement>("/ops/api/status");

        Assert.Equal("Testing", after.GetProperty("environment").GetString());
        Assert.False(string.IsNullOrEmpty(after.GetProperty("version").GetString()));
        Assert.True(after.GetProperty("uptimeSeconds").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Array, after.GetProperty("nodes").ValueKind);
        Assert.Equal(before.GetProperty("deliveries").GetProperty("lastFiveMinutes").GetInt64() + 1,
            after.GetProperty("deliveries").GetProperty("lastFiveMinutes").GetInt64());
        Assert.Equal(before.GetProperty("unroutableOpen").GetInt64() + 1, after.GetProperty("unroutableOpen").GetInt64());
    }

    [Fact]
    public async Task Unroutable_events_are_listed_newest_first_and_resolve_once()
    {
        using var http = fixture.Client();
        var older = await InsertUnroutableAsync("older", "now() - interval '1 minute'");
        var newer = await InsertUnroutableAsync("newer", "now()");

        var list = await http.GetFromJsonAsync<JsonElement>("/ops/api/unroutable?limit=500");
        var ids = list.EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToList();
        Assert.True(ids.IndexOf(newer) >= 0 && ids.IndexOf(newer) < ids.IndexOf(older));

        using var resolve = await http.PostAsync($"/ops/api/unroutable/{older}/resolve", null);
        using var again = await http.PostAsync($"/ops/api/unroutable/{older}/resolve", null);
        using var missing = await http.PostAsync($"/ops/api/unroutable/{Guid.NewGuid()}/resolve", null);

        Assert.Equal(HttpStatusCode.NoContent, resolve.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        var open = await http.GetFromJsonAsync<JsonElement>("/ops/api/unroutable?limit=500");
        Assert.DoesNotContain(older, open.EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));
        Assert.Contains(newer, open.EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));
        Assert.Equal(1, await fixture.ScalarAsync($"SELECT count(*) FROM unroutable_events WHERE id = '{older}' AND resolved_at IS NOT NULL"));
    }

    [Fact]
    public async Task Deliveries_page_newest_arrival_first_even_when_ids_are_not_in_arrival_order()
    {
        // Ingest committers reserve ids in blocks, so a later arrival can carry a lower id. Four deliveries (in the future,
        // so they lead the list) whose ids are out of arrival order; the last two arrived in one batch (same received_at).
        using var http = fixture.Client();
        var seq = "pg_get_serial_sequence('webhook_deliveries', 'id')";
        var a = await fixture.ScalarAsync($"SELECT nextval({seq})");
        var b = await fixture.ScalarAsync($"SELECT nextval({seq})");
        var c = await fixture.ScalarAsync($"SELECT nextval({seq})");
        var d = await fixture.ScalarAsync($"SELECT nextval({seq})");
        var marker = await InsertFutureDeliveriesAsync((c, 1), (a, 2), (b, 3), (d, 3));
        try
        {
            // Arrival order, newest first: d and b (same instant, higher id first), a, c. By id it would be d, c, b, a.
            var first = await PageAsync(http, "/ops/api/deliveries?limit=3");
            Assert.Equal(new[] { d, b, a }, Ids(first));
            Assert.Equal(new[] { a, c }, Ids(await PageAsync(http, $"/ops/api/deliveries?limit=500&before={first[1].Cursor}")).Take(2));
            Assert.Equal(new[] { c }, Ids(await PageAsync(http, $"/ops/api/deliveries?limit=500&before={first[2].Cursor}")).Take(1));
            Assert.Equal(new[] { b }, Ids(await PageAsync(http, $"/ops/api/deliveries?limit=1&before={first[0].Cursor}")));
            // The cursor's earlier form, a bare id, still pages from that delivery's place while it exists.
            Assert.Equal(new[] { a, c }, Ids(await PageAsync(http, $"/ops/api/deliveries?limit=500&before={b}")).Take(2));
            // Paging through with the last cursor of each page visits every delivery once, in the same order as one big page.
            var all = Ids(await PageAsync(http, "/ops/api/deliveries?limit=500"));
            var paged = new List<long>();
            for (string? cursor = null; ;)
            {
                var page = await PageAsync(http, $"/ops/api/deliveries?limit=2{(cursor is null ? "" : $"&before={cursor}")}");
                if (page.Count == 0) break;
                paged.AddRange(Ids(page));
                cursor = page[^1].Cursor;
            }
            Assert.Equal(all.Take(500), paged.Take(500));
            // A bare id that names no delivery has no place to continue from: said so, rather than an empty page.
            using var missing = await http.GetAsync($"/ops/api/deliveries?before={long.MaxValue}");
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
            Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
            using var garbage = await http.GetAsync("/ops/api/deliveries?before=not-a-cursor");
            Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        }
        finally
        {
            await DeleteFutureDeliveriesAsync(marker);
        }
    }

    [Fact]
    public async Task Deliveries_page_on_when_retention_deleted_the_delivery_the_cursor_points_at()
    {
        using var http = fixture.Client();
        var seq = "pg_get_serial_sequence('webhook_deliveries', 'id')";
        var ids = new List<long>();
        for (var i = 0; i < 5; i++) ids.Add(await fixture.ScalarAsync($"SELECT nextval({seq})"));
        // Newest first: ids[0] arrived last.
        var marker = await InsertFutureDeliveriesAsync(ids.Select((id, i) => (id, 5 - i)).ToArray());
        try
        {
            var first = await PageAsync(http, "/ops/api/deliveries?limit=2");
            Assert.Equal(ids[..2], Ids(first));

            // Retention deletes the delivery the cursor points at between the two pages.
            Assert.Equal(1, await fixture.ScalarAsync($"WITH x AS (DELETE FROM webhook_deliveries WHERE id = {ids[1]} RETURNING 1) SELECT count(*) FROM x"));
            var second = await PageAsync(http, $"/ops/api/deliveries?limit=2&before={first[^1].Cursor}");

            Assert.Equal(ids[2..4], Ids(second)); // none skipped, none repeated
            Assert.Equal(ids[4], Ids(await PageAsync(http, $"/ops/api/deliveries?limit=1&before={second[^1].Cursor}"))[0]);
        }
        finally
        {
            await DeleteFutureDeliveriesAsync(marker);
        }
    }

    [Fact]
    public async Task Cleanup_deletes_only_processed_deliveries_past_retention_and_reports_wolverines_dead_letter_retention()
    {
        using var http = fixture.Client();
        var marker = Guid.NewGuid().ToString("N");
        await fixture.ScalarAsync($"""
            INSERT INTO webhook_deliveries (platform, object, body, status, received_at, error) VALUES
              ('instagram', 'instagram', '\x7b7d', 'processed', now() - interval '40 days', 'old-{marker}'),
              ('instagram', 'instagram', '\x7b7d', 'failed', now() - interval '40 days', 'oldfailed-{marker}'),
              ('instagram', 'instagram', '\x7b7d', 'processed', now(), 'new-{marker}')
            RETURNING 1
            """);

        using var response = await http.PostAsync("/ops/api/queue/cleanup", null);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(result.GetProperty("deliveriesDeleted").GetInt32() >= 1);
        Assert.Equal(0, await fixture.ScalarAsync($"SELECT count(*) FROM webhook_deliveries WHERE error = 'old-{marker}'"));
        Assert.Equal(1, await fixture.ScalarAsync($"SELECT count(*) FROM webhook_deliveries WHERE error = 'oldfailed-{marker}'"));
        Assert.Equal(1, await fixture.ScalarAsync($"SELECT count(*) FROM webhook_deliveries WHERE error = 'new-{marker}'"));
        Assert.Equal(TimeSpan.FromDays(30).ToString(), result.GetProperty("deliveryRetention").GetString());
        // Dead letters are Wolverine's to expire: the answer states its setting instead of deleting any.
        var durability = App.Services.GetRequiredService<IWolverineRuntime>().Options.Durability;
        var expected = durability.DeadLetterQueueExpirationEnabled ? durability.DeadLetterQueueExpiration.ToString() : "disabled";
        Assert.StartsWith(expected, result.GetProperty("deadLetterRetention").GetString());
        Assert.False(result.TryGetProperty("deadLettersDeleted", out _));
    }

    private sealed record Listed(long Id, string Cursor);

    private static async Task<List<Listed>> PageAsync(HttpClient http, string url) =>
        (await http.GetFromJsonAsync<JsonElement>(url)).EnumerateArray()
            .Select(e => new Listed(e.GetProperty("id").GetInt64(), e.GetProperty("cursor").GetString()!)).ToList();

    private static List<long> Ids(List<Listed> page) => page.Select(l => l.Id).ToList();

    /// <summary>
    /// Deliveries with the given ids, arriving the given number of seconds after a point a century ahead (so they lead the
    /// list). Returns the marker <see cref="DeleteFutureDeliveriesAsync"/> removes them by.
    /// </summary>
    private async Task<string> InsertFutureDeliveriesAsync(params (long Id, int Second)[] deliveries)
    {
        var marker = Guid.NewGuid().ToString("N");
        await fixture.ScalarAsync($"""
            WITH t AS (SELECT now() + interval '100 years' AS at)
            INSERT INTO webhook_deliveries (id, platform, object, body, status, received_at, error) OVERRIDING SYSTEM VALUE
            SELECT v.id, 'instagram', 'instagram', '\x7b7d'::bytea, 'processed', t.at + v.s * interval '1 second', 'order-{marker}'
            FROM t, (VALUES {string.Join(", ", deliveries.Select(d => $"({d.Id}::bigint, {d.Second})"))}) AS v (id, s)
            RETURNING 1
            """);
        return marker;
    }

    private Task<long> DeleteFutureDeliveriesAsync(string marker) =>
        fixture.ScalarAsync($"WITH x AS (DELETE FROM webhook_deliveries WHERE error = 'order-{marker}' RETURNING 1) SELECT count(*) FROM x");

    private async Task<Guid> InsertUnroutableAsync(string recipient, string createdAt)
    {
        var id = Guid.NewGuid();
        await fixture.ScalarAsync($$"""
            INSERT INTO unroutable_events (id, platform, recipient_external_id, event_kind, payload, created_at)
            VALUES ('{{id}}', 'messenger', '{{recipient}}', 'message', '{"x":1}', {{createdAt}}) RETURNING 1
            """);
        return id;
    }
}
