using System.Net;
using System.Text;
using System.Text.Json;
using AiSales.Core.Inbound.Signatures;
using AiSales.Tests.Infrastructure;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace AiSales.Tests.Reliability;

/// <summary>What the crash tests share: signed webhooks from many customers, resources.json, polling the database, and
/// the dead letters as the operator API reports them.</summary>
internal static class WorkerCrash
{
    public static async Task<HttpStatusCode> PostAsync(HttpClient http, string secret, string account, string customer, CancellationToken ct)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var body = Encoding.UTF8.GetBytes($$$"""
            {"object":"instagram","entry":[{"id":"{{{account}}}","time":{{{ts}}},"messaging":[{"sender":{"id":"{{{customer}}}"},"recipient":{"id":"{{{account}}}"},"timestamp":{{{ts}}},"message":{"mid":"mid.{{{customer}}}","text":"شگد سعر التيشيرت؟"}}]}]}
            """);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/instagram") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.TryAddWithoutValidation(MetaSignature.HeaderName, MetaSignature.Compute(secret, body));
        using var response = await http.SendAsync(request, ct);
        return response.StatusCode;
    }

    /// <summary>
    /// Waits until Wolverine holds no work that could still answer a customer: no webhook delivery, reply or send waiting
    /// in its queue (due or scheduled), in the inbox unhandled (a dead Worker's included, until taken over) or in the outbox.
    /// Other message types (reconciles, integrations) may wait on their own schedules and answer no one.
    /// </summary>
    public static Task WaitForNoWorkLeftAsync(string db, CancellationToken ct)
    {
        string[] types = [typeof(Core.Messaging.ProcessWebhookDelivery).FullName!, typeof(Core.Messaging.ProcessWebhookDeliveryBatch).FullName!, typeof(Core.Messaging.GenerateReply).FullName!, typeof(Core.Messaging.SendMessage).FullName!];
        var queues = string.Concat(new[] { "inbound", "replies", "sends" }.SelectMany(q => new[] { q, q + "_scheduled" })
            .Select(q => $" + (SELECT count(*) FROM wolverine.wolverine_queue_{q} WHERE message_type = ANY($1))"));
        var sql = "SELECT (SELECT count(*) FROM wolverine.wolverine_incoming_envelopes WHERE status <> 'Handled' AND message_type = ANY($1))"
            + " + (SELECT count(*) FROM wolverine.wolverine_outgoing_envelopes WHERE message_type = ANY($1))" + queues;
        return Eventually.UntilAsync(async () => await TestSql.ScalarAsync<long>(db, sql, [types]).WaitAsync(ct) == 0,
            "no delivery, reply or send left in Wolverine's queues, inbox or outbox", Timeout.InfiniteTimeSpan, ct);
    }

    public static async Task<JsonElement> ReadResourcesAsync(string state, CancellationToken ct)
    {
        // Rewritten atomically (temp + rename) by the AppHost, so a read never sees half a file.
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(state, "resources.json"), ct));
        return doc.RootElement.Clone();
    }

    public static JsonElement Resource(JsonElement resources, string name) =>
        resources.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("name").GetString() == name);

    public static int Pid(JsonElement resources, string name) => Resource(resources, name).GetProperty("pid") is { ValueKind: JsonValueKind.Number } p
        ? p.GetInt32() : 0;

    public static Task<long> ScalarAsync(string connectionString, string sql, CancellationToken ct) =>
        TestSql.ScalarAsync<long>(connectionString, sql).WaitAsync(ct);


    /// <summary>How many dead letters Wolverine holds, from the operator API (X-Total-Count of the Dashboard's GET /ops/api/queue/dead-letters).</summary>
    public static async Task<int> DeadLettersAsync(Aspire.Hosting.DistributedApplication app, JsonElement resources, CancellationToken ct)
    {
        using var http = app.CreateHttpClient("dashboard");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ops/api/queue/dead-letters?limit=1");
        request.Headers.Add("X-Ops-Key", resources.GetProperty("secrets").GetProperty("operatorApiKey").GetString());
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return int.Parse(response.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every accepted delivery processed, one inbound message, conversation, reply and send per customer,
    /// nothing dead-lettered.</summary>
    public static async Task AssertEachCustomerAnsweredOnceAsync(Aspire.Hosting.DistributedApplication app, JsonElement resources, string db,
        int customers, CancellationToken ct)
    {
        Xunit.Assert.Equal(customers, await ScalarAsync(db, "SELECT count(*) FROM webhook_deliveries WHERE status = 'processed'", ct));
        Xunit.Assert.Equal(customers, await ScalarAsync(db, "SELECT count(*) FROM messages WHERE direction = 'inbound'", ct));
        Xunit.Assert.Equal(customers, await ScalarAsync(db, "SELECT count(DISTINCT external_id) FROM messages WHERE direction = 'inbound'", ct));
        Xunit.Assert.Equal(customers, await ScalarAsync(db, "SELECT count(*) FROM conversations", ct));
        Xunit.Assert.Equal(0, await ScalarAsync(db,
            "SELECT count(*) FROM (SELECT conversation_id FROM messages WHERE author = 'ai' GROUP BY conversation_id HAVING count(*) > 1) d", ct));
        Xunit.Assert.Equal(customers, await ScalarAsync(db, "SELECT count(*) FROM outbound_sends", ct));
        Xunit.Assert.Equal(0, await DeadLettersAsync(app, resources, ct));
    }
}
