using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiSales.Tests.Commerce;

/// <summary>
/// Soft delete: a deleted product leaves the catalog the assistant answers from (matching and the offline
/// responder read the same list) and the staff bot's product lookups, while the order that sold it keeps its line and
/// product; a new product or a CSV row with its SKU brings it back under the same id.
/// </summary>
public sealed class ProductDeleteTests : IAsyncLifetime
{
    private readonly CatalogSyncHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_host).DisposeAsync();

    [Fact]
    public async Task A_deleted_product_is_out_of_the_assistants_catalog_and_the_staff_bot_but_its_order_keeps_the_line()
    {
        var hoodie = await _host.ProductAsync("HD-1", "هودي أسود", 32000, 4);
        await _host.ProductAsync("CP-1", "كاب", 9000, 2, "Cap", "كابات");
        var (conversation, message) = await CustomerAsksAsync("بكم الهودي؟");
        var contact = await _host.ScalarAsync<Guid>("SELECT contact_id FROM conversations WHERE id = $1", conversation);
        var order = await _host.ScalarAsync<Guid>("""
            INSERT INTO orders (merchant_id, contact_id, status, customer_name, governorate, items_total_iqd, total_iqd)
            VALUES ($1, $2, 'confirmed', 'زينب', 'Baghdad', 32000, 32000) RETURNING id
            """, _host.MerchantId, contact);
        await _host.ExecAsync("INSERT INTO order_items (order_id, merchant_id, product_id, sku, product_name, quantity, unit_price_iqd) VALUES ($1, $3, $2, 'HD-1', 'هودي أسود', 1, 32000)",
            order, hoodie, _host.MerchantId);
        var loader = new ReplyInputsLoader(_host.Services.GetRequiredService<NpgsqlDataSource>(), TimeProvider.System);
        Assert.Contains((await loader.LoadAsync(conversation, message, default))!.Context.Catalog, p => p.Sku == "HD-1");

        var (catalog, importer) = _host.Dashboard();
        Assert.True(await catalog.DeleteAsync(hoodie));

        var skus = (await loader.LoadAsync(conversation, message, default))!.Context.Catalog.Select(p => p.Sku).ToList();
        Assert.Equal(["CP-1"], skus);
        Assert.Equal(["CP-1"], (await catalog.SearchAsync(null)).Select(p => p.Sku));
        Assert.Equal(hoodie, await _host.ScalarAsync<Guid>("SELECT product_id FROM order_items WHERE order_id = $1", order));

        await _host.LinkOwnerAsync("9647701000002");
        Assert.Contains("ما لكيت", await _host.SayAsync("9647701000002", "سعر الهودي"));

        // The same SKU imported again is the same product, back in the catalog.
        await importer.ImportAsync("sku,name_ar,name_en,price_iqd,stock,sizes,colours,aliases,active\nHD-1,هودي أسود,Hoodie,31000,2,,,,true\n");
        Assert.Equal(hoodie, Assert.Single(await catalog.SearchAsync("HD-1")).Id);
        Assert.Contains((await loader.LoadAsync(conversation, message, default))!.Context.Catalog, p => p.Sku == "HD-1" && p.PriceIqd == 31000);
    }

    private async Task<(Guid Conversation, Guid Message)> CustomerAsksAsync(string text)
    {
        using var scope = _host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AiSalesDbContext>();
        var account = new ChannelAccount { Id = Guid.NewGuid(), MerchantId = _host.MerchantId, Platform = ChannelPlatform.Messenger, Provider = ChannelProvider.Meta, ExternalId = "page-" + Guid.NewGuid().ToString("N")[..10] };
        var contact = new Contact { Id = Guid.NewGuid(), MerchantId = _host.MerchantId, ChannelAccountId = account.Id, ExternalId = "psid-1" };
        var conversation = new Conversation { Id = Guid.NewGuid(), MerchantId = _host.MerchantId, ChannelAccountId = account.Id, ContactId = contact.Id };
        var message = new Message
        {
            Id = Guid.NewGuid(), MerchantId = _host.MerchantId, ConversationId = conversation.Id, ChannelAccountId = account.Id,
            Direction = MessageDirection.Inbound, Author = MessageAuthor.Customer, Text = text, ExternalId = "mid.1", Status = MessageStatus.Received,
        };
        db.AddRange(account, contact, conversation, message);
        await db.SaveChangesAsync();
        return (conversation.Id, message.Id);
    }
}
