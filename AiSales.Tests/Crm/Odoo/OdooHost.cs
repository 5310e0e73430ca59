using System.Text;
using AiSales.Core.Messaging;
using AiSales.Core.Security;
using AiSales.Tests.Fakes;
using AiSales.Tests.Infrastructure;
using AiSales.Tests.Monitoring;
using AiSales.Worker.Crm;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Crm.Odoo;

/// <summary>
/// The Worker in-process on a fresh database with a fake Odoo: a merchant with one WhatsApp number and the Odoo
/// connected (stage map new→1, interested→2, ordering→3, won→4). The sync scheduler is off: tests run the jobs by hand,
/// as often as they like, to play redeliveries and crashes.
/// </summary>
public sealed class OdooHost() : WorkerTestHost("odoo")
{
    public const string Number = "106540352249001";
    public const string WebhookSecret = "odoo-webhook-secret-abcdef0123456789";
    public Guid MerchantId { get; private set; }
    public FakeOdoo Odoo { get; private set; } = null!;

    protected override async Task StartFakesAsync() => Odoo = await FakeOdoo.StartNewAsync();

    protected override async Task SeedAsync()
    {
        MerchantId = await ScalarAsync<Guid>("INSERT INTO merchants (name, slug) VALUES ('Odoo shop', 'odoo-shop') RETURNING id");
        await ExecAsync("INSERT INTO channel_accounts (merchant_id, platform, provider, external_id) VALUES ($1, 'whatsapp', 'meta', $2)", MerchantId, Number);
        await ConnectAsync(FakeOdoo.Key);
    }

    public async Task ConnectAsync(string apiKey)
    {
        var protector = Services.GetRequiredService<TokenProtector>();
        await ExecAsync("""
            INSERT INTO odoo_connections (merchant_id, url, database, username, api_key_encrypted, webhook_secret_encrypted, stage_map, odoo_stages)
            VALUES ($1, $2, $3, $4, $5, $6, '{"new":1,"interested":2,"ordering":3,"won":4}', '[{"id":1,"name":"New","is_won":false},{"id":2,"name":"Qualified","is_won":false},{"id":3,"name":"Proposition","is_won":false},{"id":4,"name":"Won","is_won":true}]')
            ON CONFLICT (merchant_id) DO UPDATE SET api_key_encrypted = EXCLUDED.api_key_encrypted
            """, MerchantId, Odoo.BaseUrl, FakeOdoo.Db, FakeOdoo.Login, protector.Protect(apiKey), protector.Protect(WebhookSecret));
    }

    protected override ValueTask DisposeFakesAsync() => Odoo.DisposeAsync();

    protected override void ConfigureWorker(IWebHostBuilder builder)
    {
        builder.UseSetting("Monitoring:Enabled", "false");
        builder.UseSetting("Odoo:SchedulerEnabled", "false");
        builder.UseSetting("Odoo:Timeout", "00:00:02");
    }

    /// <summary>A customer writes to the shop's WhatsApp: the inbound pipeline creates the contact (a chat lead).</summary>
    public async Task<Guid> ChatLeadAsync(string wamid = "wamid.odoo.1")
    {
        var body = Encoding.UTF8.GetBytes(ChannelSignalsPipelineTests.Text(Number, wamid));
        var id = await ScalarAsync<long>("INSERT INTO webhook_deliveries (platform, body) VALUES ('whatsapp', $1) RETURNING id", body);
        await InvokeAsync(new Core.Messaging.ProcessWebhookDelivery(id));
        return await ScalarAsync<Guid>("SELECT id FROM contacts WHERE merchant_id = $1 ORDER BY created_at DESC LIMIT 1", MerchantId);
    }

    public Task<long> SyncIdAsync(string kind, Guid entityId) =>
        ScalarAsync<long>("SELECT id FROM odoo_sync WHERE kind = $1 AND entity_id = $2", kind, entityId);

    /// <summary>Runs one sync job inline, as the integrations queue would.</summary>
    public Task SyncAsync(long syncId) => InvokeAsync(new SyncToOdoo(syncId));

    public Task ApplyWebhookAsync(long deliveryId) => InvokeAsync(new ProcessOdooWebhook(deliveryId));

    public OdooSyncScheduler Scheduler => Services.GetRequiredService<OdooSyncScheduler>();
}
