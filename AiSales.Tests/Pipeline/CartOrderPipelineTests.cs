using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Tests.Infrastructure;

namespace AiSales.Tests.Pipeline;

/// <summary>
/// WhatsApp catalog shopping through the Worker: a cart (<c>order</c> message in Meta's documented
/// shape) becomes the order being collected, the chat completes it, and the customer's yes places it with the catalog's
/// prices and the governorate's fee; "Message business" on a product puts that product in focus.
/// </summary>
public sealed class CartOrderPipelineTests : IAsyncLifetime
{
    private const string Account = "409552778964973";
    private readonly PipelineHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_host).DisposeAsync();

    [Fact]
    public async Task A_cart_is_completed_in_the_chat_and_placed_with_the_catalog_price_and_fee()
    {
        await _host.ExecAsync("""
            INSERT INTO products (merchant_id, sku, name_ar, name_en, aliases, price_iqd, stock, variants)
            VALUES ($1, 'HOODIE-C', 'هودي شتوي', 'Winter hoodie', ARRAY['هودي','hoodie'], 32000, 10, '{"sizes":["M","L"],"colors":["رصاصي","أسود"]}'::jsonb),
                   ($1, 'BAG-C', 'حقيبة يد', 'Handbag', ARRAY['حقيبة'], 48000, 5, '{"sizes":[],"colors":["أسود"]}'::jsonb)
            """, _host.MerchantId);

        // Meta's shape: item_price a decimal, currency beside it; the cart's price for the bag is not ours.
        var cart = await SayAsync("wamid.cart1", """
            "type":"order","order":{"catalog_id":"194836987003835","text":"",
              "product_items":[{"product_retailer_id":"HOODIE-C","quantity":2,"item_price":32000,"currency":"IQD"},
                               {"product_retailer_id":"BAG-C","quantity":1,"item_price":45000.5,"currency":"IQD"}]}
            """);
        Assert.Contains("2 × هودي شتوي = 64,000", cart.Reply);
        Assert.Contains("1 × حقيبة يد (لون أسود) = 48,000", cart.Reply);
        Assert.Contains("مو 45,000.5", cart.Reply);
        Assert.Contains("المحافظة", cart.Reply);
        var stored = await _host.RowAsync("SELECT kind, attachments::text AS a FROM messages WHERE external_id = 'wamid.cart1'");
        Assert.Equal("order", stored["kind"]);
        Assert.Contains("\"HOODIE-C\"", (string)stored["a"]!);

        var details = await SayAsync("wamid.cart2", "\"type\":\"text\",\"text\":{\"body\":\"لارج رصاصي، بغداد الكرادة قرب ساحة الحرية 07701234567\"}");
        Assert.Contains("5,000", details.Reply);    // Baghdad delivery (the default terms)
        Assert.Contains("117,000", details.Reply);  // 64,000 + 48,000 + 5,000

        await SayAsync("wamid.cart3", "\"type\":\"text\",\"text\":{\"body\":\"اي\"}");
        var order = await _host.RowAsync("SELECT id, total_iqd, delivery_fee_iqd, governorate, phone FROM orders WHERE merchant_id = $1", _host.MerchantId);
        Assert.Equal((117000L, 5000L, "Baghdad", "07701234567"), ((long)order["total_iqd"]!, (long)order["delivery_fee_iqd"]!, order["governorate"], order["phone"]));
        var lines = await _host.RowsAsync("SELECT sku, quantity, size, colour, unit_price_iqd FROM order_items WHERE order_id = $1 ORDER BY sku", order["id"]);
        Assert.Equal([("BAG-C", 1, 48000L), ("HOODIE-C", 2, 32000L)], lines.Select(l => ((string)l["sku"]!, (int)l["quantity"]!, (long)l["unit_price_iqd"]!)));
        Assert.Equal(("L", "رصاصي"), (lines[1]["size"], lines[1]["colour"]));
    }

    [Fact]
    public async Task Message_business_on_a_catalog_product_is_answered_about_that_product()
    {
        // Meta's documented "Is this still available?" from a product's Message business button.
        await _host.ExecAsync("""
            INSERT INTO products (merchant_id, sku, name_ar, name_en, aliases, price_iqd, stock, variants)
            VALUES ($1, 'di9ozbzfi4', 'فستان صيفي', 'Summer dress', ARRAY['فستان'], 40000, 3, '{"sizes":["M"],"colors":["أزرق"]}'::jsonb)
            """, _host.MerchantId);
        await _host.DeliverFixtureAsync("whatsapp_text_product_inquiry_context_metadocs.json");
        var job = Assert.Single(await QueueWork.HeldAsync<GenerateReply>(_host.Services));
        await _host.InvokeAsync(job.Message);

        var reply = await _host.ScalarAsync<string>(
            "SELECT text FROM messages WHERE conversation_id = $1 AND author = 'ai' ORDER BY created_at DESC LIMIT 1", job.Message.ConversationId);
        Assert.Contains("40,000", reply);
        var focus = await _host.ScalarAsync<string>("SELECT sales_state->>'focus_product_id' FROM conversations WHERE id = $1", job.Message.ConversationId);
        Assert.Equal(await _host.ScalarAsync<Guid>("SELECT id FROM products WHERE sku = 'di9ozbzfi4'"), Guid.Parse(focus));
    }

    private readonly HashSet<Guid> _answered = [];

    /// <summary>Delivers one customer message and runs its reply job; returns the assistant's newest text.</summary>
    private async Task<(Guid ConversationId, string Reply)> SayAsync(string wamid, string message)
    {
        await _host.DeliverAsync(ChannelPlatform.WhatsApp, $$$"""
            {"object":"whatsapp_business_account","entry":[{"id":"880480571844883","changes":[{"field":"messages","value":{
            "messaging_product":"whatsapp","metadata":{"display_phone_number":"43330585569","phone_number_id":"{{{Account}}}"},
            "contacts":[{"profile":{"name":"Zainab"},"wa_id":"9647701112233"}],
            "messages":[{"from":"9647701112233","id":"{{{wamid}}}","timestamp":"{{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}}",{{{message}}}}]}}]}]}
            """);
        var job = Assert.Single(await QueueWork.HeldAsync<GenerateReply>(_host.Services), j => !_answered.Contains(j.Message.TriggerMessageId));
        _answered.Add(job.Message.TriggerMessageId);
        await _host.InvokeAsync(job.Message);
        var reply = await _host.ScalarAsync<string>(
            "SELECT text FROM messages WHERE conversation_id = $1 AND author = 'ai' AND text IS NOT NULL ORDER BY created_at DESC LIMIT 1", job.Message.ConversationId);
        return (job.Message.ConversationId, reply);
    }
}
