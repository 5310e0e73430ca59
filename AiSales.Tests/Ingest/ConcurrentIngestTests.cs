using System.Net;
using System.Text;

namespace AiSales.Tests.Ingest;

public sealed class ConcurrentIngestTests
{
    [Fact]
    public async Task Two_thousand_concurrent_posts_give_exactly_two_thousand_stored_and_queued_deliveries()
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
        Assert.Equal(total, await app.ScalarAsync("SELECT count(*) FROM queue.jobs"));
        // Ids are reserved before the batch is sent: every job must point at its own stored delivery, one each.
        Assert.Equal(total, await app.ScalarAsync(
            "SELECT count(DISTINCT d.id) FROM queue.jobs j JOIN webhook_deliveries d ON d.id = (j.body ->> 'deliveryId')::bigint"));
    }
}
