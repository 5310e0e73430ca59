using System.Text.Json;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Tests.Infrastructure;
using AiSales.Tests.Sending;

namespace AiSales.Tests.Sending.Showcase;

/// <summary>
/// Through the real pipeline to the Graph fake: an Instagram customer who asks what the shop has gets the text reply and
/// a card per product with its photo; tapping a card's button brings that product into focus.
/// </summary>
public sealed class ShowcasePipelineTests : IAsyncLifetime
{
    private readonly EndToEndHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task SeedAbayasAsync() => await _host.ExecAsync("""
        INSERT INTO products (merchant_id, sku, name_ar, name_en, aliases, price_iqd, stock, image_url) VALUES
            ($1, 'ABAYA-BLK', 'عباية سوداء', 'Black abaya', ARRAY['عباية','عبايه','abaya'], 45000, 5, 'https://cdn.example.com/abaya-black.jpg'),
            ($1, 'ABAYA-BEI', 'عباية بيج', 'Beige abaya', ARRAY['عباية','عبايه','abaya'], 48000, 3, 'https://cdn.example.com/abaya-beige.jpg')
        """, _host.MerchantId);

    private List<JsonElement> Sends() => [.. _host.Graph.Requests
        .Where(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal))
        .Select(r => JsonDocument.Parse(r.Body).RootElement.Clone())];

    [Fact]
    public async Task Asking_what_there_is_gets_the_text_and_a_card_per_product_and_a_tap_puts_it_in_focus()
    {
        await SeedAbayasAsync();
        await _host.DeliverAsync(ChannelPlatform.Instagram, EndToEndHost.IgText("mid.browse1", "7001", "شنو عندكم عبايات؟", DateTimeOffset.UtcNow));
        await Eventually.UntilAsync(() => Task.FromResult(Sends().Count >= 2), "the reply and its cards sent");
        await _host.WaitForQueueIdleAsync(typeof(GenerateReply), typeof(SendMessage));

        var sends = Sends();
        Assert.Equal(2, sends.Count);
        var text = Assert.Single(sends, s => s.GetProperty("message").TryGetProperty("text", out _));
        Assert.Contains("عباية", text.GetProperty("message").GetProperty("text").GetString());
        var cards = Assert.Single(sends, s => s.GetProperty("message").TryGetProperty("attachment", out _))
            .GetProperty("message").GetProperty("attachment").GetProperty("payload").GetProperty("elements").EnumerateArray().ToList();
        Assert.Equal(["ABAYA-BLK", "ABAYA-BEI"], cards.Select(c => c.GetProperty("buttons")[0].GetProperty("payload").GetString()!["product:".Length..]).Order().Reverse());
        Assert.All(cards, c => Assert.StartsWith("https://cdn.example.com/abaya-", c.GetProperty("image_url").GetString()));
        var stored = await _host.RowsAsync("SELECT m.kind, jsonb_array_length(m.attachments) AS n FROM messages m WHERE m.direction = 'outbound' AND m.kind = 'interactive'");
        Assert.Equal(2, (int)Assert.Single(stored)["n"]!);

        // The customer taps "أريد هذا" on the beige one: the answer is about the beige abaya.
        await _host.DeliverAsync(ChannelPlatform.Instagram, Postback("mid.tap1", "7001", "أريد هذا", "product:ABAYA-BEI"));
        await Eventually.UntilAsync(() => Task.FromResult(Sends().Count >= 3), "the answer to the tap sent");
        var answer = Sends()[2].GetProperty("message").GetProperty("text").GetString();
        Assert.Contains("بيج", answer);
        Assert.DoesNotContain("سوداء", answer);
    }

    [Fact]
    public async Task A_price_question_gets_no_cards()
    {
        await SeedAbayasAsync();
        await _host.DeliverAsync(ChannelPlatform.Instagram, EndToEndHost.IgText("mid.price1", "7002", "بكم العباية السوداء؟", DateTimeOffset.UtcNow));
        await Eventually.UntilAsync(() => Task.FromResult(Sends().Count >= 1), "the reply sent");
        await _host.WaitForQueueIdleAsync(typeof(GenerateReply), typeof(SendMessage));

        Assert.Single(Sends());
    }

    [Fact]
    public async Task On_whatsapp_the_products_published_to_the_shops_meta_catalog_go_as_a_product_message()
    {
        await SeedAbayasAsync();
        // Connected after the products exist (so the sync trigger marks nothing), then the sync's result: only the black
        // one is published in Meta's catalog.
        await _host.ExecAsync("""
            INSERT INTO meta_catalogs (merchant_id, catalog_id, shop_url) VALUES ($1, '194836987003835', 'https://shop.example')
            """, _host.MerchantId);
        await _host.ExecAsync("""
            INSERT INTO catalog_sync (product_id, merchant_id, retailer_id, remote_retailer_id, state)
            SELECT id, merchant_id, sku, sku, 'synced' FROM products WHERE merchant_id = $1 AND sku = 'ABAYA-BLK'
            """, _host.MerchantId);

        await _host.DeliverAsync(ChannelPlatform.WhatsApp, EndToEndHost.WaText("wamid.browse1", "9647701112299", "شنو عندكم عبايات؟", DateTimeOffset.UtcNow));
        await Eventually.UntilAsync(() => Task.FromResult(Sends().Count >= 2), "the reply and its product message sent");
        await _host.WaitForQueueIdleAsync(typeof(GenerateReply), typeof(SendMessage));

        var sends = Sends();
        Assert.Equal(2, sends.Count);
        var product = Assert.Single(sends, s => s.GetProperty("type").GetString() == "interactive").GetProperty("interactive");
        Assert.Equal("product", product.GetProperty("type").GetString()); // one published product: a single-product message
        Assert.Equal(("194836987003835", "ABAYA-BLK"), (product.GetProperty("action").GetProperty("catalog_id").GetString(),
            product.GetProperty("action").GetProperty("product_retailer_id").GetString()));
    }

    [Fact]
    public async Task On_whatsapp_without_a_meta_catalog_the_text_goes_alone()
    {
        await SeedAbayasAsync();
        await _host.DeliverAsync(ChannelPlatform.WhatsApp, EndToEndHost.WaText("wamid.browse2", "9647701112298", "شنو عندكم عبايات؟", DateTimeOffset.UtcNow));
        await Eventually.UntilAsync(() => Task.FromResult(Sends().Count >= 1), "the reply sent");
        await _host.WaitForQueueIdleAsync(typeof(GenerateReply), typeof(SendMessage));

        Assert.Equal("text", Assert.Single(Sends()).GetProperty("type").GetString());
    }

    private static string Postback(string mid, string customer, string title, string payload) => $$$"""
        {"object":"instagram","entry":[{"time":{{{EndToEndHost.Ms(DateTimeOffset.UtcNow)}}},"id":"{{{EndToEndHost.IgAccount}}}","messaging":[{"sender":{"id":"{{{customer}}}"},
        "recipient":{"id":"{{{EndToEndHost.IgAccount}}}"},"timestamp":{{{EndToEndHost.Ms(DateTimeOffset.UtcNow)}}},"postback":{"mid":"{{{mid}}}","title":"{{{title}}}","payload":"{{{payload}}}"}}]}]}
        """;
}
