using AiSales.Core.Persistence.Entities;

namespace AiSales.Tests.Pipeline;

/// <summary>
/// A signed webhook whose text carries U+0000 or an unpaired surrogate used to fail its statement (Postgres text and
/// jsonb refuse them) and retry forever. It is stored sanitised and the delivery is processed.
/// </summary>
public sealed class HostileWebhookTextTests : IAsyncLifetime
{
    private readonly PipelineHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_host).DisposeAsync();

    private const string IgAccount = "17841400538867190";

    [Fact]
    public async Task Nul_and_lone_surrogates_are_removed_and_the_delivery_is_processed()
    {
        const long ts = 1762031146380;
        // The escapes as Meta would send them; the quick-reply payload and the referral keep raw JSON (jsonb columns).
        var json = """
            {"object":"instagram","entry":[{"time":TS,"id":"ACCOUNT","messaging":[{"sender":{"id":"9000000000000001"},
            "recipient":{"id":"ACCOUNT"},"timestamp":TS,"message":{"mid":"mid-nul-1","text":"hi\u0000 there \ud800!",
            "quick_reply":{"payload":"P\u0000Q"},"referral":{"ref":"r\u0000","source":"ADS","type":"OPEN_THREAD","ad_id":"1\u0000"}}}]}]}
            """.Replace("TS", ts.ToString()).Replace("ACCOUNT", IgAccount);
        var deliveryId = await _host.DeliverAsync(ChannelPlatform.Instagram, json);

        Assert.Equal("processed", await _host.ScalarAsync<string>("SELECT status FROM webhook_deliveries WHERE id = $1", deliveryId));
        var rows = await _host.RowsAsync("SELECT external_id, kind, text FROM messages");
        var delivery = await _host.RowAsync("SELECT event_count, error FROM webhook_deliveries WHERE id = $1", deliveryId);
        Assert.True(rows.Count == 1, $"{rows.Count} messages; delivery: {delivery["event_count"]} events, error {delivery["error"]}");
        Assert.Equal("hi there !", await _host.ScalarAsync<string>("SELECT text FROM messages WHERE external_id = 'mid-nul-1'"));
        Assert.Equal(0, await _host.ScalarAsync<long>("SELECT count(*) FROM messages WHERE referral::text LIKE '%\\u0000%'"));
    }
}
