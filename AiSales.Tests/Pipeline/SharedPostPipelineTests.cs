using System.Text;
using AiSales.Core.Demo;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Tests.Inbound;
using AiSales.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiSales.Tests.Pipeline;

/// <summary>
/// A post or reel the customer shares in a DM, or a story they answer, that the merchant linked to a product:
/// the real payload shapes through the Worker to one reply that names the product with its catalog price.
/// </summary>
public sealed class SharedPostPipelineTests : IAsyncLifetime
{
    private const string LegacyShare = "instagram_dm_share_post_legacy_real_tester.json";
    private readonly PipelineHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_host).DisposeAsync();

    [Fact]
    public async Task A_share_of_a_demo_shops_linked_post_is_answered_with_the_products_price()
    {
        // The demo catalog seeded into this merchant, on the Instagram account the real share fixture is addressed to.
        using (var scope = _host.Services.CreateScope())
            await DemoSeeder.SeedAsync(scope.ServiceProvider.GetRequiredService<AiSalesDbContext>(), new DemoOptions
            {
                Enabled = true, MerchantId = _host.MerchantId, Email = "demo-media@aisales.local", Password = "Demo-Passw0rd!",
                ChannelExternalId = "17841472110558136",
            }, NullLogger.Instance);
        var linked = DemoCatalog.LinkedMedia["BSF-002"][0];
        var body = Encoding.UTF8.GetString(MetaFixtures.Bytes(LegacyShare)).Replace("asset_id=18145475416367289", "asset_id=" + linked);

        var reply = await AnswerAsync(ChannelPlatform.Instagram, Encoding.UTF8.GetBytes(body));

        Assert.Contains("عباية مطرزة", reply.Text);
        Assert.Contains("65,000", reply.Text);
        Assert.Contains("متوفر", reply.Text);
        Assert.Equal(await _host.ScalarAsync<Guid>("SELECT id FROM products WHERE merchant_id = $1 AND sku = 'BSF-002'", _host.MerchantId), reply.Focus);
        // The linked products also have a stand-in photo with its hashes, so a screenshot of one is recognised offline.
        Assert.Equal("BSF-002,BSF-007,BSF-014", await _host.ScalarAsync<string>("""
            SELECT string_agg(p.sku, ',' ORDER BY p.sku) FROM product_photos f JOIN products p ON p.id = f.product_id
            WHERE f.merchant_id = $1 AND cardinality(f.dhash) = 3 AND length(f.fine_hash) = 96
            """, _host.MerchantId));
    }

    [Theory]
    [InlineData(LegacyShare, "18145475416367289")]
    [InlineData("instagram_ig_post_share_chatwoot.json", "18091626484740369")]
    public async Task A_shared_post_linked_to_a_product_names_its_price_and_stock(string fixture, string mediaId)
    {
        var product = await InsertProductAsync("BAG-1", "حقيبة جلد", 48000, 2, mediaId);

        var reply = await AnswerAsync(MetaFixtures.RouteOf(fixture), MetaFixtures.Bytes(fixture));

        Assert.Contains("حقيبة جلد", reply.Text);
        Assert.Contains("48,000", reply.Text);
        Assert.Contains("باقي بس 2", reply.Text);
        Assert.Equal(product, reply.Focus);
    }

    [Fact]
    public async Task A_share_that_is_not_linked_asks_which_product()
    {
        await InsertProductAsync("BAG-1", "حقيبة جلد", 48000, 5, "17999999999999999");

        var reply = await AnswerAsync(ChannelPlatform.Instagram, MetaFixtures.Bytes(LegacyShare));

        Assert.Contains("المنشور", reply.Text);
        Assert.DoesNotContain("48,000", reply.Text);
        Assert.Null(reply.Focus);
    }

    [Fact]
    public async Task A_story_reply_on_a_linked_story_puts_its_product_in_focus()
    {
        var product = await InsertProductAsync("DRESS-1", "فستان سهرة", 85000, 4, "<STORY_ID>");

        var reply = await AnswerAsync(ChannelPlatform.Instagram, MetaFixtures.Bytes("instagram_story_reply_metadocs.json"));

        Assert.False(string.IsNullOrWhiteSpace(reply.Text));
        Assert.Equal(product, reply.Focus);
    }

    private Task<Guid> InsertProductAsync(string sku, string name, long price, int stock, string mediaId) => _host.ScalarAsync<Guid>("""
        INSERT INTO products (merchant_id, sku, name_ar, aliases, price_iqd, stock, variants, media_ids)
        VALUES ($1, $2, $3, ARRAY[]::text[], $4, $5, '{"sizes":[],"colors":[]}'::jsonb, ARRAY[$6]) RETURNING id
        """, _host.MerchantId, sku, name, price, stock, mediaId);

    /// <summary>Delivers the payload, runs the one reply job it schedules, and reads the one reply and the focus it left.</summary>
    private async Task<(string Text, Guid? Focus)> AnswerAsync(ChannelPlatform platform, byte[] body)
    {
        await _host.DeliverAsync(platform, body);
        var job = Assert.Single(await QueueWork.HeldAsync<GenerateReply>(_host.Services));
        await _host.InvokeAsync(job.Message);
        var reply = Assert.Single(await _host.RowsAsync(
            "SELECT text FROM messages WHERE conversation_id = $1 AND direction = 'outbound' AND author = 'ai'", job.Message.ConversationId));
        var focus = await _host.ScalarAsync<string?>("SELECT sales_state->>'focus_product_id' FROM conversations WHERE id = $1", job.Message.ConversationId);
        return (Assert.IsType<string>(reply["text"]), focus is null ? null : Guid.Parse(focus));
    }
}
