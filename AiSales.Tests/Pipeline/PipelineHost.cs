using System.Text;
using AiSales.Core.Inbound;
using AiSales.Core.Messaging;
using AiSales.Tests.Inbound;
using AiSales.Tests.Infrastructure;
using AiSales.Worker.Inbound;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;

namespace AiSales.Tests.Pipeline;

/// <summary>
/// The Worker in-process (its real Program: migrations, messaging, pipeline) on a fresh database, with a
/// merchant whose channel accounts are every receiving account the Meta fixtures use.
/// </summary>
public sealed class PipelineHost : WebApplicationFactory<PipelineTelemetry>, IAsyncLifetime
{
    public const string UnknownAccount = "999000999000";

    // One public constructor: xunit class fixtures need exactly one.
    private IReadOnlyDictionary<string, string> _settings = new Dictionary<string, string>();

    /// <summary>A host with a test's own settings on top (e.g. Graph pointed at a fake); call InitializeAsync as usual.</summary>
    public static PipelineHost With(IReadOnlyDictionary<string, string> settings) => new() { _settings = settings };

    private string _cs = "";
    private string _server = "";
    private string _redis = "";
    public Guid MerchantId { get; private set; }
    public string ConnectionString => _cs;

    public async Task InitializeAsync()
    {
        var infra = await TestInfrastructure.GetAsync();
        _server = infra.PostgresConnectionString;
        _redis = infra.RedisConnectionString;
        _cs = await infra.CreateMigratedDatabaseAsync("pipe");
        CreateClient().Dispose(); // start: migrations, queue schema
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

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        var db = new NpgsqlConnectionStringBuilder(_cs).Database;
        await using var conn = new NpgsqlConnection(_server);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:aisales", _cs);
        builder.UseSetting("ConnectionStrings:redis", _redis);
        builder.UseSetting("Security:EncryptionKey", Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 7 + 3)).ToArray()));
        // Dedupe keys of this database only: other test classes replay the same fixture ids.
        builder.UseSetting("Pipeline:RedisKeyPrefix", $"test:{new NpgsqlConnectionStringBuilder(_cs).Database}:");
        builder.UseSetting("Meta:AppId", "1234567890");
        // The channel health watch runs on the real clock; monitoring tests run it by hand on a clock they move.
        builder.UseSetting("Monitoring:Enabled", "false");
        // A test's own settings (e.g. Graph pointed at a fake) last, so they win.
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    public async Task<long> InsertDeliveryAsync(MetaPlatform platform, byte[] body) =>
        await ScalarAsync<long>("INSERT INTO webhook_deliveries (platform, body) VALUES ($1, $2) RETURNING id", platform.ToName(), body);

    /// <summary>Runs the delivery's job inline (exceptions surface in the test).</summary>
    public async Task<long> DeliverAsync(MetaPlatform platform, byte[] body)
    {
        var id = await InsertDeliveryAsync(platform, body);
        await ProcessAsync(id);
        return id;
    }

    public Task<long> DeliverAsync(MetaPlatform platform, string json) => DeliverAsync(platform, Encoding.UTF8.GetBytes(json));

    public Task<long> DeliverFixtureAsync(string name) =>
        DeliverAsync(MetaFixtures.RouteOf(name), MetaFixtures.Bytes(name));

    public async Task ProcessAsync(long deliveryId)
    {
        using var scope = Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new ProcessWebhookDelivery(deliveryId), default, TimeSpan.FromSeconds(30));
    }

    public async Task InvokeAsync(object message)
    {
        using var scope = Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(message, default, TimeSpan.FromSeconds(30));
    }

    public Task<T> ScalarAsync<T>(string sql, params object?[] args) => TestSql.ScalarAsync<T>(_cs, sql, args);

    public Task<int> ExecAsync(string sql, params object?[] args) => TestSql.ExecAsync(_cs, sql, args);

    /// <summary>First row as column name → value.</summary>
    public async Task<Dictionary<string, object?>> RowAsync(string sql, params object?[] args)
    {
        var rows = await RowsAsync(sql, args);
        Assert.True(rows.Count > 0, $"no row for: {sql}");
        return rows[0];
    }

    public Task<List<Dictionary<string, object?>>> RowsAsync(string sql, params object?[] args) => TestSql.RowsAsync(_cs, sql, args);

}
