using AiSales.Core.Messaging;
using AiSales.Core.Security;
using AiSales.Tests.Fakes;
using AiSales.Tests.Infrastructure;
using AiSales.Worker.Conversions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Conversions;

/// <summary>
/// The Worker in-process on a fresh database with a fake Conversions API: a merchant with a WhatsApp number (its WABA id
/// in the settings), a Facebook page and an Instagram account; ad account A (token, CAPI on, dataset
/// <see cref="Dataset"/>) whose insights list ad <see cref="AdA"/>, and ad account B (token, CAPI off) with ad
/// <see cref="AdB"/>. Both accounts' campaign sync is off (nothing calls the Marketing API). The conversions scheduler
/// is off: tests run the send jobs by hand, as often as they like, to play redeliveries.
/// </summary>
public sealed class ConversionsHost() : WorkerTestHost("capi")
{
    public const string WhatsAppNumber = "106540352249101", Waba = "102290129340398", PageId = "110000000000001", IgAccount = "17841400000000001";
    public const string Dataset = "900000000000001", AdA = "120210000000000111", AdB = "120210000000000211";
    private static readonly string Key = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 5 + 1)).ToArray());

    public Guid MerchantId { get; private set; }
    public Guid AccountA { get; private set; }
    public Guid AccountB { get; private set; }
    public Dictionary<string, Guid> Channels { get; } = [];
    public FakeConversionsApi Meta { get; private set; } = null!;

    protected override string TokenKey => Key;

    protected override async Task StartFakesAsync() => Meta = await FakeConversionsApi.StartNewAsync(Dataset);

    protected override async Task SeedAsync()
    {
        MerchantId = await ScalarAsync<Guid>("INSERT INTO merchants (name, slug) VALUES ('CAPI shop', 'capi-shop') RETURNING id");
        foreach (var (platform, id, settings) in new[] { ("whatsapp", WhatsAppNumber, $$"""{"waba_id": "{{Waba}}"}"""), ("messenger", PageId, "{}"), ("instagram", IgAccount, "{}") })
            Channels[platform] = await ScalarAsync<Guid>(
                "INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, settings) VALUES ($1, $2, 'meta', $3, $4::jsonb) RETURNING id",
                MerchantId, platform, id, settings);
        var token = Services.GetRequiredService<TokenProtector>().Protect(FakeConversionsApi.ValidToken);
        AccountA = await AccountAsync("111", token, capi: true, AdA);
        AccountB = await AccountAsync("222", token, capi: false, AdB);
    }

    private async Task<Guid> AccountAsync(string external, byte[] token, bool capi, string ad)
    {
        var id = await ScalarAsync<Guid>("""
            INSERT INTO ad_accounts (merchant_id, external_id, name, currency, access_token_encrypted, sync_enabled, capi_enabled, capi_dataset_id)
            VALUES ($1, $2, $3, 'USD', $4, false, $5, $6) RETURNING id
            """, MerchantId, external, "Ads " + external, token, capi, capi ? Dataset : null);
        await ExecAsync("""
            INSERT INTO ad_insights_daily (ad_account_id, ad_id, day, merchant_id, campaign_id, spend) VALUES ($1, $2, current_date, $3, $4, 10)
            """, id, ad, MerchantId, ad[..^1] + "0");
        return id;
    }

    protected override ValueTask DisposeFakesAsync() => Meta.DisposeAsync();

    protected override void ConfigureWorker(IWebHostBuilder builder)
    {
        builder.UseSetting("Monitoring:Enabled", "false");
        builder.UseSetting("Odoo:SchedulerEnabled", "false");
        builder.UseSetting("Campaigns:SyncEnabled", "false");
        builder.UseSetting("Conversions:SchedulerEnabled", "false");
        builder.UseSetting("Conversions:GraphApiBaseUrl", Meta.BaseUrl);
        builder.UseSetting("Conversions:FirstRetryDelay", "00:00:00");
        builder.UseSetting("Conversions:RequestTimeout", "00:00:03");
    }

    /// <summary>A customer of the shop on <paramref name="platform"/>, with the first touch given as JSON (null: organic).</summary>
    public Task<Guid> ContactAsync(string platform, string externalId, string? firstTouch = null, string? phone = null) =>
        ScalarAsync<Guid>("""
            INSERT INTO contacts (merchant_id, channel_account_id, external_id, display_name, phone, first_touch, last_touch)
            VALUES ($1, $2, $3, 'Zainab', $4, $5::jsonb, $5::jsonb) RETURNING id
            """, MerchantId, Channels[platform], externalId, phone, firstTouch);

    /// <summary>An order of 2 × 25,000 + 5,000 delivery = 55,000 IQD (no product row: status changes move no stock).</summary>
    public async Task<Guid> OrderAsync(Guid contact, string status)
    {
        var order = await ScalarAsync<Guid>("""
            WITH o AS (
                INSERT INTO orders (merchant_id, contact_id, status, customer_name, governorate, phone, items_total_iqd, delivery_fee_iqd, total_iqd)
                VALUES ($1, $2, $3, 'Zainab', 'Baghdad', '07701112233', 50000, 5000, 55000) RETURNING id)
            INSERT INTO order_items (order_id, merchant_id, product_name, sku, quantity, size, unit_price_iqd)
            SELECT id, $1, 'فستان أحمر', 'DRESS-RED', 2, 'M', 25000 FROM o RETURNING order_id
            """, MerchantId, contact, status);
        return order;
    }

    public async Task<List<long>> PendingAsync() =>
        [.. (await RowsAsync("SELECT id FROM capi_events WHERE merchant_id = $1 AND state = 'pending' ORDER BY id", MerchantId)).Select(r => (long)r["id"]!)];

    /// <summary>Runs the send job of every pending event inline, as the integrations queue would.</summary>
    public async Task SendPendingAsync()
    {
        foreach (var id in await PendingAsync()) await SendAsync(id);
    }

    public Task SendAsync(long eventId) => InvokeAsync(new SendConversionEvent(eventId));

    public ConversionsScheduler Scheduler => Services.GetRequiredService<ConversionsScheduler>();
}
