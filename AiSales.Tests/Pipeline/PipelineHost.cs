using System.Text;
using AiSales.Core.Channels;
using AiSales.Core.Inbound;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Tests.Inbound;
using AiSales.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace AiSales.Tests.Pipeline;

/// <summary>
/// The Worker in-process (its real Program: migrations, messaging, pipeline) on a fresh database, with a
/// merchant whose channel accounts are every receiving account the Meta fixtures use.
/// </summary>
public sealed class PipelineHost() : WorkerTestHost("pipe")
{
    public const string UnknownAccount = "999000999000";

    // One public constructor: xunit class fixtures need exactly one.
    private IReadOnlyDictionary<string, string> _settings = new Dictionary<string, string>();

    /// <summary>A host with a test's own settings on top (e.g. Graph pointed at a fake); call InitializeAsync as usual.</summary>
    public static PipelineHost With(IReadOnlyDictionary<string, string> settings) => new() { _settings = settings };

    public Guid MerchantId { get; private set; }

    protected override async Task SeedAsync()
    {
        MerchantId = await ScalarAsync<Guid>("INSERT INTO merchants (name, slug) VALUES ('Test shop', 'test-shop') RETURNING id");

        var accounts = MetaFixtures.All
            .SelectMany(name => new MetaPayloadNormalizer().Normalize(MetaFixtures.RouteOf(name), MetaFixtures.Bytes(name)))
            .Where(e => !string.IsNullOrEmpty(e.RecipientAccountId))
            .Select(e => (Platform: e.Platform.ToName(), Id: e.RecipientAccountId!))
            .Distinct().ToList();
        foreach (var (platform, id) in accounts)
            await ExecAsync("INSERT INTO channel_accounts (merchant_id, platform, provider, external_id) VALUES ($1, $2, 'meta', $3) ON CONFLICT DO NOTHING",
                MerchantId, platform, id);
    }

    protected override void ConfigureWorker(IWebHostBuilder builder)
    {
        // The channel health watch runs on the real clock; monitoring tests run it by hand on a clock they move.
        builder.UseSetting("Monitoring:Enabled", "false");
        // A test's own settings (e.g. Graph pointed at a fake) last, so they win.
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    public async Task<long> InsertDeliveryAsync(ChannelPlatform platform, byte[] body) =>
        await ScalarAsync<long>("INSERT INTO webhook_deliveries (platform, body) VALUES ($1, $2) RETURNING id", platform.ToName(), body);

    /// <summary>Runs the delivery's job inline (exceptions surface in the test).</summary>
    public async Task<long> DeliverAsync(ChannelPlatform platform, byte[] body)
    {
        var id = await InsertDeliveryAsync(platform, body);
        await ProcessAsync(id);
        return id;
    }

    public Task<long> DeliverAsync(ChannelPlatform platform, string json) => DeliverAsync(platform, Encoding.UTF8.GetBytes(json));

    public Task<long> DeliverFixtureAsync(string name) =>
        DeliverAsync(MetaFixtures.RouteOf(name), MetaFixtures.Bytes(name));

    public Task ProcessAsync(long deliveryId) => InvokeAsync(new ProcessWebhookDelivery(deliveryId));

    /// <summary>The first row as column name → value (unlike the base's single row: the scenarios read tables to which the
    /// pipeline may have added more rows, and check the first).</summary>
    public new async Task<Dictionary<string, object?>> RowAsync(string sql, params object?[] args)
    {
        var rows = await RowsAsync(sql, args);
        Assert.True(rows.Count > 0, $"no row for: {sql}");
        return rows[0];
    }
}
