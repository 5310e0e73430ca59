using System.Text;
using AiSales.Core.Messaging;
using AiSales.Core.Security;
using AiSales.Core.Tenancy;
using AiSales.Dashboard.Catalog;
using AiSales.Tests.Fakes;
using AiSales.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Commerce;

/// <summary>
/// The Worker in-process on a fresh database with a fake Meta Graph (catalog and commerce settings): a merchant whose
/// Meta catalog is connected with its own token, and a sandbox WhatsApp number its team talks to the staff bot through.
/// The sync scheduler is off and the delays are zero: tests run the merchant's sync job by hand, as often as they like,
/// to play redeliveries, lost answers and status reads.
/// </summary>
public sealed class CatalogSyncHost() : WorkerTestHost("catalog")
{
    public const string ShopNumber = "409552778964111";
    public const string ShopUrl = "https://wa.me/9647700000000";
    public Guid MerchantId { get; private set; }
    public Guid ShopChannel { get; private set; }
    public FakeCommerceGraph Meta { get; private set; } = null!;

    protected override async Task StartFakesAsync() => Meta = await FakeCommerceGraph.StartNewAsync();

    protected override async Task SeedAsync()
    {
        MerchantId = await ScalarAsync<Guid>("INSERT INTO merchants (name, slug) VALUES ('Hoodie House', 'hoodie-house') RETURNING id");
        ShopChannel = await ScalarAsync<Guid>("INSERT INTO channel_accounts (merchant_id, platform, provider, external_id) VALUES ($1, 'whatsapp', 'sandbox', $2) RETURNING id",
            MerchantId, ShopNumber);
        await ConnectAsync(FakeCommerceGraph.ValidToken);
    }

    /// <summary>Connects (or reconnects) the catalog with this token, as the Meta catalog page saves it.</summary>
    public async Task ConnectAsync(string token)
    {
        var protector = Services.GetRequiredService<TokenProtector>();
        await ExecAsync("""
            INSERT INTO meta_catalogs (merchant_id, catalog_id, access_token_encrypted, shop_url) VALUES ($1, $2, $3, $4)
            ON CONFLICT (merchant_id) DO UPDATE SET access_token_encrypted = EXCLUDED.access_token_encrypted, status = 'active', last_error = NULL
            """, MerchantId, FakeCommerceGraph.CatalogId, protector.Protect(token), ShopUrl);
    }

    protected override ValueTask DisposeFakesAsync() => Meta.DisposeAsync();

    protected override void ConfigureWorker(IWebHostBuilder builder)
    {
        builder.UseSetting("Meta:GraphApiBaseUrl", Meta.BaseUrl);
        builder.UseSetting("Monitoring:Enabled", "false");
        builder.UseSetting("Odoo:SchedulerEnabled", "false");
        builder.UseSetting("MetaCatalog:SchedulerEnabled", "false");
        builder.UseSetting("MetaCatalog:StatusCheckDelay", "00:00:00");
        builder.UseSetting("MetaCatalog:FirstRetryDelay", "00:00:00");
        builder.UseSetting("MetaCatalog:MaxAttempts", "3");
    }

    /// <summary>A product with a photo (Meta requires one), inserted with plain SQL.</summary>
    public Task<Guid> ProductAsync(string sku, string nameAr, long price, int stock, string nameEn = "Hoodie", string alias = "هودي",
        string? image = "https://cdn.example/hoodie.jpg") =>
        ScalarAsync<Guid>("""
            INSERT INTO products (merchant_id, sku, name_ar, name_en, aliases, price_iqd, stock, image_url)
            VALUES ($1, $2, $3, $7, ARRAY[$8], $4, $5, $6) RETURNING id
            """, MerchantId, sku, nameAr, price, stock, image, nameEn, alias);

    /// <summary>Runs the merchant's sync job inline, as the integrations queue would: status reads, then sends.</summary>
    public Task SyncAsync() => InvokeAsync(new SyncMetaCatalog(MerchantId));

    /// <summary>Two runs: the send, then the batch status read (delays are zero here).</summary>
    public async Task SyncAndCheckAsync()
    {
        await SyncAsync();
        await SyncAsync();
    }

    public Task<string> StateAsync(Guid productId) => ScalarAsync<string>("SELECT state FROM catalog_sync WHERE product_id = $1", productId);

    /// <summary>The dashboard's own services (catalog page, CSV import) for this merchant, as the signed-in owner uses them.</summary>
    public (CatalogService Catalog, CatalogCsvImporter Importer) Dashboard()
    {
        var current = new CurrentMerchant();
        current.Set(MerchantId, null);
        var data = new MerchantData(Services.GetRequiredService<IServiceScopeFactory>(), current);
        return (new CatalogService(data, current, TimeProvider.System), new CatalogCsvImporter(data, current, TimeProvider.System));
    }

    /// <summary>A team member's WhatsApp text to the shop number; returns the staff bot's answer once sent.</summary>
    public async Task<string> SayAsync(string phone, string text)
    {
        const string SentSql = """
            SELECT count(*) FROM staff_messages m JOIN staff_phones p ON p.id = m.staff_phone_id
            WHERE p.phone = $1 AND m.direction = 'outbound' AND m.status = 'sent'
            """;
        var before = await ScalarAsync<long>(SentSql, phone);
        var body = $$$"""
            {"object":"whatsapp_business_account","entry":[{"id":"880480571844883","changes":[{"field":"messages","value":{
            "messaging_product":"whatsapp","metadata":{"display_phone_number":"9647000000000","phone_number_id":"{{{ShopNumber}}}"},
            "contacts":[{"profile":{"name":"Team"},"wa_id":"{{{phone}}}"}],
            "messages":[{"from":"{{{phone}}}","id":"wamid.{{{Guid.NewGuid():N}}}","timestamp":"{{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}}","type":"text","text":{"body":{{{System.Text.Json.JsonSerializer.Serialize(text)}}}}}]}}]}]}
            """;
        var id = await ScalarAsync<long>("INSERT INTO webhook_deliveries (platform, body) VALUES ('whatsapp', $1) RETURNING id", Encoding.UTF8.GetBytes(body));
        await InvokeAsync(new Core.Messaging.ProcessWebhookDelivery(id));
        await Eventually.UntilAsync(async () => await ScalarAsync<long>(SentSql, phone) > before, $"the answer to \"{text}\"");
        return await ScalarAsync<string>("""
            SELECT m.text FROM staff_messages m JOIN staff_phones p ON p.id = m.staff_phone_id
            WHERE p.phone = $1 AND m.direction = 'outbound' ORDER BY m.created_at DESC LIMIT 1
            """, phone);
    }

    /// <summary>Links a verified owner phone to the shop number (the Team page's end state).</summary>
    public async Task LinkOwnerAsync(string phone)
    {
        var user = await ScalarAsync<Guid>("INSERT INTO users (user_name) VALUES ($1) RETURNING id", "owner-" + phone);
        await ExecAsync("INSERT INTO merchant_members (merchant_id, user_id, role) VALUES ($1, $2, 'owner')", MerchantId, user);
        await ExecAsync("INSERT INTO staff_phones (merchant_id, user_id, channel_account_id, phone, verified_at) VALUES ($1, $2, $3, $4, now())",
            MerchantId, user, ShopChannel, phone);
    }
}
