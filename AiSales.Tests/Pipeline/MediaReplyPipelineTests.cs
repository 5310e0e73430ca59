using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Tests.Infrastructure;

namespace AiSales.Tests.Pipeline;

/// <summary>
/// Real Meta payloads of messages without text, through the Worker: stored, one reply job scheduled, and the
/// job answers — before, a photo, a sticker, a pin or a contact card got no reply at all.
/// </summary>
public sealed class MediaReplyPipelineTests : IAsyncLifetime
{
    private readonly PipelineHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_host).DisposeAsync();

    [Theory]
    [InlineData("instagram_dm_image_real_raw_tester.json", "الصورة")]
    [InlineData("whatsapp_image_bindambc.json", "الصورة")]
    [InlineData("whatsapp_sticker_bindambc.json", "🌷")]
    [InlineData("messenger_sticker_entry_only_metadocs.json", "🌷")]
    [InlineData("whatsapp_location_bindambc.json", "المحافظة")]
    [InlineData("whatsapp_contacts_bindambc.json", "")]
    [InlineData("instagram_story_mention_metadocs.json", "المنشن")]
    [InlineData("instagram_unsupported_message_metadocs.json", "كتابة")]
    [InlineData("whatsapp_unsupported_131051_bindambc.json", "كتابة")]
    public async Task A_message_without_text_gets_one_reply(string fixture, string mentions)
    {
        await _host.DeliverFixtureAsync(fixture);
        var job = Assert.Single(await QueueWork.HeldAsync<GenerateReply>(_host.Services));

        await _host.InvokeAsync(job.Message);

        var reply = Assert.Single(await _host.RowsAsync(
            "SELECT text FROM messages WHERE conversation_id = $1 AND direction = 'outbound' AND author = 'ai'", job.Message.ConversationId));
        var text = Assert.IsType<string>(reply["text"]);
        Assert.False(string.IsNullOrWhiteSpace(text));
        Assert.Contains(mentions, text);
    }

    [Fact]
    public async Task A_pin_in_iraq_fills_the_order_being_collected()
    {
        const string account = "409552778964973";
        await _host.ExecAsync("""
            INSERT INTO products (merchant_id, sku, name_ar, name_en, aliases, price_iqd, stock, variants)
            VALUES ($1, 'HOODIE-1', 'هودي شتوي', 'Winter hoodie', ARRAY['هودي','hoodie'], 32000, 10, '{"sizes":["M","L"],"colors":["رصاصي","أسود"]}'::jsonb)
            """, _host.MerchantId);
        await _host.DeliverAsync(ChannelPlatform.WhatsApp, WhatsApp("wamid.t1", "\"type\":\"text\",\"text\":{\"body\":\"اريد هودي لارج رصاصي\"}", account));
        var first = Assert.Single(await QueueWork.HeldAsync<GenerateReply>(_host.Services));
        await _host.InvokeAsync(first.Message);

        await _host.DeliverAsync(ChannelPlatform.WhatsApp, WhatsApp("wamid.p1",
            "\"type\":\"location\",\"location\":{\"latitude\":33.3128,\"longitude\":44.3615,\"name\":\"Al Mansour Mall\"}", account));
        var second = Assert.Single(await QueueWork.HeldAsync<GenerateReply>(_host.Services), j => j.Message.TriggerMessageId != first.Message.TriggerMessageId);
        await _host.InvokeAsync(second.Message);

        var state = await _host.ScalarAsync<string>("SELECT sales_state::text FROM conversations WHERE id = $1", second.Message.ConversationId);
        Assert.Contains("\"Baghdad\"", state);
        Assert.Contains("Al Mansour Mall", state);
        var last = await _host.ScalarAsync<string>(
            "SELECT text FROM messages WHERE conversation_id = $1 AND author = 'ai' ORDER BY created_at DESC LIMIT 1", second.Message.ConversationId);
        Assert.Contains("رقم الموبايل", last);
    }

    [Fact]
    public async Task A_photo_request_queues_the_catalog_photo_as_an_image_message_beside_the_text()
    {
        const string account = "409552778964973";
        await _host.ExecAsync("""
            INSERT INTO products (merchant_id, sku, name_ar, name_en, aliases, price_iqd, stock, variants, image_url)
            VALUES ($1, 'HOODIE-P', 'هودي شتوي', 'Winter hoodie', ARRAY['هودي','hoodie'], 32000, 10, '{"sizes":["M"],"colors":[]}'::jsonb,
                    'https://cdn.example.com/hoodie.jpg')
            """, _host.MerchantId);
        await _host.DeliverAsync(ChannelPlatform.WhatsApp, WhatsApp("wamid.photo1", "\"type\":\"text\",\"text\":{\"body\":\"ممكن صورة للهودي\"}", account));
        var job = Assert.Single(await QueueWork.HeldAsync<GenerateReply>(_host.Services));

        await _host.InvokeAsync(job.Message);

        var sent = await _host.RowsAsync("""
            SELECT m.kind, m.text, m.attachments->0->>'url' AS url, s.endpoint_class
            FROM messages m JOIN outbound_sends s ON s.message_id = m.id
            WHERE m.conversation_id = $1 AND m.direction = 'outbound' ORDER BY m.kind = 'image' DESC
            """, job.Message.ConversationId);
        Assert.Equal(2, sent.Count);
        Assert.Equal(("image", null, "https://cdn.example.com/hoodie.jpg", "media"), (sent[0]["kind"], sent[0]["text"], sent[0]["url"], sent[0]["endpoint_class"]));
        Assert.Equal(("text", "text"), (sent[1]["kind"], sent[1]["endpoint_class"]));
        Assert.Contains("32,000", (string)sent[1]["text"]!);
    }

    private static string WhatsApp(string wamid, string message, string phoneNumberId) => $$$"""
        {"object":"whatsapp_business_account","entry":[{"id":"880480571844883","changes":[{"field":"messages","value":{
        "messaging_product":"whatsapp","metadata":{"display_phone_number":"43330585569","phone_number_id":"{{{phoneNumberId}}}"},
        "contacts":[{"profile":{"name":"Zainab"},"wa_id":"9647701112233"}],
        "messages":[{"from":"9647701112233","id":"{{{wamid}}}","timestamp":"{{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}}",{{{message}}}}]}}]}]}
        """;
}
