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
/// A customer's photo with a model that accepts images (Ai:ImageInput): what the hashes do not settle
/// goes to the OpenAI fake as multimodal input (catalog SKUs and names, the product photos, the customer's photo); the
/// SKU it names is answered with the catalog's price. The real WhatsApp image payload, through the Worker.
/// </summary>
public sealed class PhotoModelPipelineTests : IAsyncLifetime
{
    private const string WhatsAppImage = "whatsapp_image_bindambc.json";
    private FakeGraphApi _graph = null!;
    private FakeOpenAi _openAi = null!;
    private PipelineHost _host = null!;

    public async Task InitializeAsync()
    {
        _graph = await FakeGraphApi.StartNewAsync();
        // The model names the bag when it is shown images; the reply itself is drafted by the rules (a photo alone).
        _openAi = await FakeOpenAi.StartNewAsync(r => r.ImageUrls.Count > 0 ? """{"skus":["BAG-1","NOT-OURS"]}""" : FakeOpenAi.DefaultReply);
        _host = PipelineHost.With(new Dictionary<string, string>
        {
            ["Meta:GraphApiBaseUrl"] = _graph.BaseUrl, ["MediaFetch:AllowedHosts:0"] = "127.0.0.1", ["MediaFetch:RequireHttps"] = "false",
            ["Ai:Provider"] = "openai-compatible", ["Ai:Endpoint"] = _openAi.BaseUrl + "/v1/", ["Ai:ApiKey"] = "test-key",
            ["Ai:ImageInput"] = "true",
        });
        await _host.InitializeAsync();
        var token = _host.Services.GetRequiredService<TokenProtector>().Protect("wa-token");
        await _host.ExecAsync("UPDATE channel_accounts SET access_token_encrypted = $1 WHERE platform = 'whatsapp'", token);
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_host).DisposeAsync();
        await _graph.DisposeAsync();
        await _openAi.DisposeAsync();
    }

    [Fact]
    public async Task A_photo_the_hashes_do_not_settle_is_identified_by_the_model_and_priced_from_the_catalog()
    {
        await AddProductAsync("ABAYA-1", "عباية مطرزة", 65000, TestImages.ProductPhoto(21));
        var bag = await AddProductAsync("BAG-1", "حقيبة جلد", 48000, TestImages.ProductPhoto(22));
        // The customer's own photo of the bag: not a screenshot of the shop's photo, so no hash match.
        var customerPhoto = TestImages.ProductPhoto(77);
        _graph.AddMedia("8472976218001204", customerPhoto);

        await _host.DeliverAsync(ChannelPlatform.WhatsApp, MetaFixtures.Bytes(WhatsAppImage));
        var job = Assert.Single(await QueueWork.HeldAsync<GenerateReply>(_host.Services));
        await _host.InvokeAsync(job.Message);

        var asked = Assert.Single(_openAi.ChatRequests);
        Assert.Equal(3, asked.ImageUrls.Count); // two product photos and the customer's, as data URLs
        Assert.All(asked.ImageUrls, u => Assert.StartsWith("data:image/", u));
        Assert.Contains("BAG-1: حقيبة جلد", asked.Messages[0].Content);
        var reply = Assert.IsType<string>(Assert.Single(await _host.RowsAsync(
            "SELECT text FROM messages WHERE conversation_id = $1 AND author = 'ai'", job.Message.ConversationId))["text"]);
        Assert.Contains("حقيبة جلد", reply);
        Assert.Contains("48,000", reply);
        Assert.DoesNotContain("65,000", reply);
        Assert.Equal(bag.ToString(), await _host.ScalarAsync<string>("SELECT sales_state->>'focus_product_id' FROM conversations WHERE id = $1", job.Message.ConversationId));
    }

    private async Task<Guid> AddProductAsync(string sku, string name, long price, byte[] photo)
    {
        var id = await _host.ScalarAsync<Guid>("""
            INSERT INTO products (merchant_id, sku, name_ar, aliases, price_iqd, stock, variants)
            VALUES ($1, $2, $3, ARRAY[]::text[], $4, 9, '{"sizes":[],"colors":[]}'::jsonb) RETURNING id
            """, _host.MerchantId, sku, name, price);
        var (type, hash, _) = ProductPhotoStore.Check(photo);
        await using var conn = new NpgsqlConnection(_host.ConnectionString);
        await conn.OpenAsync();
        Assert.True(await ProductPhotoStore.SaveAsync(conn, _host.MerchantId, id, photo, type!, hash!, default));
        return id;
    }
}
