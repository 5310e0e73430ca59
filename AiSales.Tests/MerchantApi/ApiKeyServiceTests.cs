using AiSales.Dashboard.ApiKeys;
using AiSales.Tests.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AiSales.Tests.MerchantApi;

public sealed class ApiKeyServiceTests : IAsyncLifetime
{
    private PersistenceDatabase _db = null!;
    private TenantSeed _merchant = null!;
    private TenantSeed _other = null!;

    public async Task InitializeAsync()
    {
        _db = await PersistenceDatabase.CreateAsync(migrate: true);
        await using var ctx = _db.CreateContext();
        _merchant = await TenantSeed.MerchantAsync(ctx);
        _other = await TenantSeed.MerchantAsync(ctx);
    }

    public Task DisposeAsync() => _db.DisposeAsync().AsTask();

    private ApiKeyService Service(TimeProvider? clock = null) => new(_db.DataSource, clock ?? TimeProvider.System, NullLogger<ApiKeyService>.Instance);

    [Fact]
    public async Task Created_key_authenticates_as_its_merchant_and_only_its_hash_is_stored()
    {
        var keys = Service();
        var created = await keys.CreateAsync(_merchant.MerchantId, "crm", "user-1");

        Assert.Matches("^ask_[a-z0-9]{8}_[A-Za-z0-9]{40}$", created.Plaintext);
        Assert.StartsWith($"ask_{created.Prefix}_", created.Plaintext);
        var identity = await keys.AuthenticateAsync(created.Plaintext);
        Assert.Equal(new ApiKeyIdentity(created.Id, _merchant.MerchantId, created.Prefix), identity);

        var secret = created.Plaintext.Split('_')[2];
        Assert.Equal(0, await _db.ScalarAsync($"SELECT count(*) FROM merchant_api_keys WHERE position('{secret}' in name || prefix || created_by || encode(key_hash, 'escape') || encode(key_hash, 'hex') || encode(key_hash, 'base64')) > 0"));
        Assert.Equal(1, await _db.ScalarAsync($"SELECT count(*) FROM merchant_api_keys WHERE key_hash = decode('{Convert.ToHexStringLower(ApiKeyFormat.Hash(secret))}', 'hex')"));
    }

    [Fact]
    public async Task Wrong_secret_unknown_prefix_and_malformed_keys_fail()
    {
        var keys = Service();
        var created = await keys.CreateAsync(_merchant.MerchantId, "crm", "user-1");
        var last = created.Plaintext[^1] == 'a' ? 'b' : 'a';

        Assert.Null(await keys.AuthenticateAsync(created.Plaintext[..^1] + last));
        Assert.Null(await keys.AuthenticateAsync("ask_zzzzzzzz_" + created.Plaintext[13..]));
        Assert.Null(await keys.AuthenticateAsync(created.Plaintext + "x"));
        Assert.Null(await keys.AuthenticateAsync(""));
        Assert.Null(await keys.AuthenticateAsync(null));
    }

    [Fact]
    public async Task Revoked_key_fails_and_only_its_merchant_can_revoke_it()
    {
        var keys = Service();
        var created = await keys.CreateAsync(_merchant.MerchantId, "crm", "user-1");

        Assert.False(await keys.RevokeAsync(_other.MerchantId, created.Id));
        Assert.NotNull(await keys.AuthenticateAsync(created.Plaintext));
        Assert.True(await keys.RevokeAsync(_merchant.MerchantId, created.Id));
        Assert.False(await keys.RevokeAsync(_merchant.MerchantId, created.Id));

        Assert.Null(await keys.AuthenticateAsync(created.Plaintext));
        var listed = Assert.Single(await keys.ListAsync(_merchant.MerchantId));
        Assert.False(listed.IsActive);
        Assert.Empty(await keys.ListAsync(_other.MerchantId));
    }

    [Fact]
    public async Task Last_used_is_written_at_most_once_a_minute()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var keys = Service(clock);
        var created = await keys.CreateAsync(_merchant.MerchantId, "crm", "user-1");
        async Task<DateTimeOffset?> LastUsed() => (await keys.ListAsync(_merchant.MerchantId)).Single().LastUsedAt;

        Assert.Null(await LastUsed());
        await keys.AuthenticateAsync(created.Plaintext);
        Assert.Equal(clock.GetUtcNow(), await LastUsed());

        var first = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromSeconds(59));
        await keys.AuthenticateAsync(created.Plaintext);
        Assert.Equal(first, await LastUsed());

        clock.Advance(TimeSpan.FromSeconds(2));
        await keys.AuthenticateAsync(created.Plaintext);
        Assert.Equal(clock.GetUtcNow(), await LastUsed());
    }
}
