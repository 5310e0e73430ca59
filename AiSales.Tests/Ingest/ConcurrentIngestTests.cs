using System.Net;
using System.Text;
using AiSales.Core.Messaging;
using AiSales.Tests.Infrastructure;

namespace AiSales.Tests.Ingest;

public sealed class ConcurrentIngestTests
{
    [Fact]
    public async Task Two_thousand_concurrent_posts_give_exactly_two_thousand_stored_queued_and_processed_deliveries()
    {
        await using var app = await WebhooksAppFactory.StartAsync("ingestload");
        using var http = app.CreateClient();
        const int total = 2000;

        // Each body is distinct (its own mid) so a lost or doubled row cannot hide.
        var statuses = await Task.WhenAll(Enumerable.Range(0, total).Select(async i =>
        {
            var body = $$$"""{"object":"instagram","entry":[{"id":"17841400000000001","time":1700000000000,"messaging":[{"sender":{"id":"{{{1000 + i}}}"},"recipient":{"id":"17841400000000001"},"timestamp":1700000000000,"message":{"mid":"mid.load.{{{i}}}","text":"شگد سعره {{{i}}}"}}]}]}""";
            using var response = await http.SendAsync(WebhooksAppFactory.SignedPost("instagram", Encoding.UTF8.GetBytes(body)));
            return response.StatusCode;
        }));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(total, await app.ScalarAsync("SELECT count(*) FROM webhook_deliveries"));
        Assert.Equal(total, await app.ScalarAsync(
            "SELECT count(DISTINCT convert_from(body, 'UTF8')::jsonb #>> '{entry,0,messaging,0,message,mid}') FROM webhook_deliveries"));
        // Every stored delivery is named exactly once by the messages waiting in the inbound queue (the Webhooks service
        // does not consume): a group commit hands its deliveries over as one ProcessWebhookDeliveryBatch, a lone delivery
        // as a ProcessWebhookDelivery. Counted once Wolverine's outbox has handed them all over (while envelopes move, a
        // read can miss some).
        long[] queued = [];
        await Eventually.UntilAsync(async () => (queued = await QueuedDeliveryIdsAsync(app.Services)).Length == total,
            $"{total} deliveries named in the inbound queue", TimeSpan.FromSeconds(120));
        Assert.Equal(total, queued.Distinct().Count());
        Assert.Equal(total, await app.ScalarAsync($"SELECT count(*) FROM webhook_deliveries WHERE id = ANY('{{{string.Join(',', queued)}}}'::bigint[])"));
        // Far fewer envelopes than deliveries: the hand-over costs one round trip per group commit, not per delivery.
        var envelopes = await QueueWork.QueuedAsync(app.Services, typeof(ProcessWebhookDelivery)); // the inbound queue's rows
        Assert.True(envelopes < total / 2, $"{envelopes} envelopes for {total} deliveries: handed over one by one");

        // Ids are reserved before the batch is sent: every job must point at its own stored delivery, one each, so a
        // Worker started now processes every delivery (none left behind, none processed twice: one unroutable row each).
        await using var worker = await IngestWorker.StartAsync(app.ConnectionString);
        await IngestWorker.WaitUntilAllProcessedAsync(app.ConnectionString, TimeSpan.FromMinutes(5));
        Assert.Equal(total, await app.ScalarAsync("SELECT count(*) FROM unroutable_events"));
        Assert.Equal(total, await app.ScalarAsync("SELECT count(DISTINCT delivery_id) FROM unroutable_events"));
    }

    private static async Task<long[]> QueuedDeliveryIdsAsync(IServiceProvider services) =>
    [
        .. (await QueueWork.QueuedMessagesAsync<ProcessWebhookDelivery>(services)).Select(m => m.DeliveryId),
        .. (await QueueWork.QueuedMessagesAsync<ProcessWebhookDeliveryBatch>(services)).SelectMany(b => b.DeliveryIds),
    ];
}
