using AiSales.Core.Campaigns;
using AiSales.Core.Security;
using AiSales.Tests.Fakes;
using AiSales.Tests.Infrastructure;
using AiSales.Tests.MerchantApi;
using AiSales.Tests.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiSales.Tests.Campaigns;

/// <summary>A migrated private database, one merchant (Asia/Baghdad) and the Marketing API fake, with the sync wired to both.</summary>
public sealed class CampaignSyncHarness : IAsyncDisposable
{
    public static readonly string EncryptionKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 5)).ToArray());

    public PersistenceDatabase Db { get; private init; } = default!;
    public FakeMarketingApi Meta { get; private init; } = default!;
    public TenantSeed Shop { get; private init; } = default!;
    public TokenProtector Tokens { get; } = new(Microsoft.Extensions.Options.Options.Create(new SecurityOptions { EncryptionKey = EncryptionKey }));
    public CampaignOptions Options { get; } = new() { RetryDelay = TimeSpan.FromMilliseconds(50), RequestTimeout = TimeSpan.FromSeconds(5) };

    /// <summary>Today in Baghdad, the merchant's zone: the last day a sync asks for.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Baghdad")).DateTime);

    public static async Task<CampaignSyncHarness> StartAsync()
    {
        var db = await PersistenceDatabase.CreateAsync(migrate: true);
        await using var ctx = db.CreateContext();
        return new CampaignSyncHarness { Db = db, Meta = await FakeMarketingApi.StartNewAsync(), Shop = await TenantSeed.MerchantAsync(ctx) };
    }

    public MarketingApiClient Api(TimeProvider? clock = null) =>
        new(new HttpClient { BaseAddress = new Uri(Meta.BaseUrl + "/") }, Microsoft.Extensions.Options.Options.Create(Options),
            clock ?? TimeProvider.System, NullLogger<MarketingApiClient>.Instance);

    public CampaignSync Sync(TimeProvider? clock = null) => new(Db.DataSource, Tokens, Api(clock), Microsoft.Extensions.Options.Options.Create(Options),
        clock ?? TimeProvider.System, NullLogger<CampaignSync>.Instance);

    /// <summary>An ad account row with an encrypted token, due now.</summary>
    public async Task<Guid> AccountAsync(string externalId, string token = FakeMarketingApi.ValidToken, string currency = "USD")
    {
        return await ScalarAsync<Guid>("""
            INSERT INTO ad_accounts (merchant_id, external_id, name, currency, access_token_encrypted, next_sync_at)
            VALUES ($1, $2, 'Test ads', $3, $4, now()) RETURNING id
            """, Shop.MerchantId, externalId, currency, Tokens.Protect(token));
    }

    public Task<List<Dictionary<string, object?>>> RowsAsync(string sql, params object?[] args) => TestSql.RowsAsync(Db.ConnectionString, sql, args);

    public Task<T> ScalarAsync<T>(string sql, params object?[] args) => TestSql.ScalarAsync<T>(Db.ConnectionString, sql, args);

    public async ValueTask DisposeAsync()
    {
        await Meta.DisposeAsync();
        await Db.DisposeAsync();
    }
}
