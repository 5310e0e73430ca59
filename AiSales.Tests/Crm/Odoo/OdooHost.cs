using System.Text;
using AiSales.Core.Crm.Odoo;
using AiSales.Core.Security;
using AiSales.Tests.Fakes;
using AiSales.Tests.Infrastructure;
using AiSales.Tests.Monitoring;
using AiSales.Worker.Crm;
using AiSales.Worker.Inbound;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;

namespace AiSales.Tests.Crm.Odoo;

/// <summary>
/// The Worker in-process on a fresh database with a fake Odoo: a merchant with one WhatsApp number and the Odoo
/// connected (stage map new→1, interested→2, ordering→3, won→4). The sync scheduler is off: tests run the jobs by hand,
/// as often as they like, to play redeliveries and crashes.
/// </summary>
public sealed class OdooHost : WebApplicationFactory<PipelineTelemetry>, IAsyncLifetime
{
    public const string Number = "106540352249001";
    public const string WebhookSecret = "odoo-webhook-secret-abcdef0123456789";
    public static readonly string EncryptionKey = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 7 + 3)).ToArray());

    private string _cs = "", _server = "", _redis = "";
    public Guid MerchantId { get; private set; }
    public FakeOdoo Odoo { get; private set; } = null!;
    public string ConnectionString => _cs;

    public async Task InitializeAsync()
    {
        Odoo = await FakeOdoo.StartNewAsync();
        var infra = await TestInfrastructure.GetAsync();
        (_server, _redis) = (infra.PostgresConnectionString, infra.RedisConnectionString);
        _cs = await infra.CreateMigratedDatabaseAsync("odoo");
        CreateClient().Dispose();
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

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Odoo.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(_server);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(_cs).Database}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:aisales", _cs);
        builder.UseSetting("ConnectionStrings:redis", _redis);
        builder.UseSetting("Security:EncryptionKey", EncryptionKey);
        builder.UseSetting("Pipeline:RedisKeyPrefix", $"test:{new NpgsqlConnectionStringBuilder(_cs).Database}:");
        builder.UseSetting("Meta:AppId", "1234567890");
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

    public async Task InvokeAsync(object message)
    {
        using var scope = Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(message, default, TimeSpan.FromSeconds(30));
    }

    public OdooSyncScheduler Scheduler => Services.GetRequiredService<OdooSyncScheduler>();

    public Task<T> ScalarAsync<T>(string sql, params object?[] args) => TestSql.ScalarAsync<T>(_cs, sql, args);

    public Task<int> ExecAsync(string sql, params object?[] args) => TestSql.ExecAsync(_cs, sql, args);

    public Task<List<Dictionary<string, object?>>> RowsAsync(string sql, params object?[] args) => TestSql.RowsAsync(_cs, sql, args);

    public async Task<Dictionary<string, object?>> RowAsync(string sql, params object?[] args) => Assert.Single(await RowsAsync(sql, args));
}
