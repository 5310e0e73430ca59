using System.Text;
using AiSales.Core.Media;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Security;
using AiSales.Tests.Fakes;
using AiSales.Tests.Inbound;
using AiSales.Tests.Infrastructure;
using AiSales.Tests.Media;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiSales.Tests.Pipeline;

/// <summary>
/// A customer's photo (offline): the real WhatsApp and Instagram image payloads through the Worker, the
/// photo fetched from the Graph fake (WhatsApp: media id → URL → bytes, both with the channel's token; Instagram: the
/// attachment's CDN link) and compared with the product photos — one reply each.
/// </summary>
public sealed class PhotoMatchPipelineTests : IAsyncLifetime
{
    private const string WhatsAppImage = "whatsapp_image_bindambc.json";
    private const string WhatsAppMediaId = "8472976218001204";
    private const string InstagramImage = "instagram_dm_image_real_raw_tester.json";
    private FakeGraphApi _graph = null!;
    private PipelineHost _host = null!;
    private readonly byte[] _abaya = TestImages.ProductPhoto(11);
    private readonly byte[] _bag = TestImages.ProductPhoto(12);
    private Guid _abayaId;

    public async Task InitializeAsync()
    {
        _graph = await FakeGraphApi.StartNewAsync();
        _host = PipelineHost.With(new Dictionary<string, string>
        {
            ["Meta:GraphApiBaseUrl"] = _graph.BaseUrl,
            ["MediaFetch:AllowedHosts:0"] = "127.0.0.1",
            ["MediaFetch:RequireHttps"] = "false",
        });
        await _host.InitializeAsync();
        var token = _host.Services.GetRequiredService<TokenProtector>().Protect("wa-token");
        await _host.ExecAsync("UPDATE channel_accounts SET access_token_encrypted = $1 WHERE platform = 'whatsapp'", token);
        _abayaId = await AddProductAsync("ABAYA-1", "عباية مطرزة", 65000, _abaya);
        await AddProductAsync("BAG-1", "حقيبة جلد", 48000, _bag);
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_host).DisposeAsync();
        await _graph.DisposeAsync();
    }

    [Fact]
    public async Task A_whatsapp_screenshot_of_a_products_post_is_answered_with_its_price_and_stock()
    {
        _graph.AddMedia(WhatsAppMediaId, TestImages.Screenshot(_abaya, cut: 0.05f));

        var reply = await AnswerAsync(MetaFixtures.RouteOf(WhatsAppImage), MetaFixtures.Bytes(WhatsAppImage));

        Assert.Contains("عباية مطرزة", reply.Text);
        Assert.Contains("65,000", reply.Text);
        Assert.DoesNotContain("48,000", reply.Text);
        Assert.Equal(_abayaId, reply.Focus);
        // The media object and its bytes were both read with the channel's token.
        Assert.Equal(["wa-token", "wa-token"], _graph.Requests.Select(r => r.BearerToken));
    }

    [Fact]
    public async Task An_instagram_photo_on_the_cdn_is_matched_and_a_link_elsewhere_is_never_fetched()
    {
        _graph.AddMedia("ig-photo", TestImages.Resized(_abaya, 320, 50));
        var body = Encoding.UTF8.GetString(MetaFixtures.Bytes(InstagramImage));
        var original = System.Text.RegularExpressions.Regex.Match(body, "\"url\":\"([^\"]+)\"").Groups[1].Value;

        var matched = await AnswerAsync(ChannelPlatform.Instagram, Encoding.UTF8.GetBytes(body.Replace(original, _graph.CdnUrl("ig-photo"))));

        Assert.Contains("65,000", matched.Text);
        Assert.Single(_graph.CdnReads);
        Assert.Null(Assert.Single(_graph.Requests).BearerToken); // a CDN link is fetched without the token
    }

    [Fact]
    public async Task A_photo_of_a_link_outside_metas_cdn_is_not_fetched_and_the_customer_is_asked()
    {
        // The real fixture's link is lookaside.fbsbx.com, which this test's settings do not allow (only the fake's host).
        var reply = await AnswerAsync(ChannelPlatform.Instagram, MetaFixtures.Bytes(InstagramImage));

        Assert.Contains("الصورة", reply.Text);
        Assert.Empty(_graph.Requests);
    }

    [Fact]
    public async Task A_photo_matching_nothing_is_asked_about_then_the_second_is_handed_to_a_person()
    {
        _graph.AddMedia(WhatsAppMediaId, TestImages.ProductPhoto(99));

        var first = await AnswerAsync(ChannelPlatform.WhatsApp, MetaFixtures.Bytes(WhatsAppImage));
        Assert.Contains("الصورة", first.Text);
        Assert.Null(first.Focus);

        var second = Encoding.UTF8.GetString(MetaFixtures.Bytes(WhatsAppImage)).Replace("wamid.HBgODE0NDQwANNTTBGRjkUyNzkzNhUCABIYFDNF5NzAzMDkQjBEQ3NjdBA==", "wamid.second-photo");
        var handoff = await AnswerAsync(ChannelPlatform.WhatsApp, Encoding.UTF8.GetBytes(second), skip: 1);
        Assert.Contains("الفريق", handoff.Text);
        Assert.Equal("human", await _host.ScalarAsync<string>("SELECT owner FROM conversations WHERE merchant_id = $1", _host.MerchantId));
    }

    private async Task<Guid> AddProductAsync(string sku, string name, long price, byte[] photo)
    {
        var id = await _host.ScalarAsync<Guid>("""
            INSERT INTO products (merchant_id, sku, name_ar, aliases, price_iqd, stock, variants)
            VALUES ($1, $2, $3, ARRAY[]::text[], $4, 9, '{"sizes":[],"colors":[]}'::jsonb) RETURNING id
            """, _host.MerchantId, sku, name, price);
        var (type, hash, problem) = ProductPhotoStore.Check(photo);
        Assert.Equal(ProductPhotoProblem.None, problem);
        await using var conn = new NpgsqlConnection(_host.ConnectionString);
        await conn.OpenAsync();
        Assert.True(await ProductPhotoStore.SaveAsync(conn, _host.MerchantId, id, photo, type!, hash!, default));
        return id;
    }

    /// <summary>Delivers the payload, runs its reply job, and reads the newest reply and the focus it left.</summary>
    private async Task<(string Text, Guid? Focus)> AnswerAsync(ChannelPlatform platform, byte[] body, int skip = 0)
    {
        var before = (await QueueWork.HeldAsync<GenerateReply>(_host.Services)).Select(j => j.Message.TriggerMessageId).ToHashSet();
        await _host.DeliverAsync(platform, body);
        var job = Assert.Single(await QueueWork.HeldAsync<GenerateReply>(_host.Services), j => !before.Contains(j.Message.TriggerMessageId));
        await _host.InvokeAsync(job.Message);
        var replies = await _host.RowsAsync(
            "SELECT text FROM messages WHERE conversation_id = $1 AND direction = 'outbound' AND author = 'ai' ORDER BY created_at", job.Message.ConversationId);
        Assert.Equal(skip + 1, replies.Count);
        var focus = await _host.ScalarAsync<string?>("SELECT sales_state->>'focus_product_id' FROM conversations WHERE id = $1", job.Message.ConversationId);
        return (Assert.IsType<string>(replies[^1]["text"]), focus is null ? null : Guid.Parse(focus));
    }
}
