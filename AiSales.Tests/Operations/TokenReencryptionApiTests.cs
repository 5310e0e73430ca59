using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using AiSales.Core.Security;
using AiSales.Dashboard.Inbox;
using AiSales.Tests.Dashboard;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiSales.Tests.Operations;

/// <summary>POST /ops/api/tokens/reencrypt (the Dashboard's ops API): the operator's trigger for key rotation step 2 (docs/SECURITY.md).</summary>
public sealed class TokenReencryptionApiTests : IAsyncLifetime
{
    private readonly string _oldKey = NewKey();
    private readonly string _newKey;
    private DashboardAppFactory _factory = null!;
    private WebApplicationFactory<InboxQueries> _rotated = null!;

    public TokenReencryptionApiTests()
    {
        // The key id is one byte of the key's hash: pick a new key whose id differs, or no row would count as stale.
        do _newKey = NewKey(); while (Protector(_newKey).CurrentKeyId == Protector(_oldKey).CurrentKeyId);
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public async Task InitializeAsync()
    {
        _factory = await DashboardAppFactory.StartAsync("tokens");
        // The deployment after rotation step 1: new key current, old key kept for reading.
        _rotated = _factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Security:EncryptionKey", _newKey);
            b.UseSetting("Security:PreviousEncryptionKeys:0", _oldKey);
        });
    }

    public async Task DisposeAsync()
    {
        await _rotated.DisposeAsync();
        await _factory.DisposeAsync();
    }

    private static TokenProtector Protector(string key, params string[] previous) =>
        new(Options.Create(new SecurityOptions { EncryptionKey = key, PreviousEncryptionKeys = [.. previous] }));

    [Fact]
    public async Task Reencrypt_moves_old_key_rows_to_the_new_key_and_needs_the_ops_key()
    {
        var oldProtector = Protector(_oldKey);
        var newOnly = Protector(_newKey);
        await using var db = NpgsqlDataSource.Create(_factory.ConnectionString);
        Guid merchant;
        await using (var cmd = db.CreateCommand("INSERT INTO merchants (name, slug) VALUES ('Rotation shop', 'rotation-shop') RETURNING id"))
            merchant = (Guid)(await cmd.ExecuteScalarAsync())!;
        var tokens = new Dictionary<Guid, string>();
        for (var i = 0; i < 3; i++)
            tokens[await InsertAsync(db, merchant, $"1784149000000{i}", oldProtector.Protect($"EAAGold-{i}"))] = $"EAAGold-{i}";
        var current = await InsertAsync(db, merchant, "17841490000009", newOnly.Protect("EAAGnew"));
        tokens[current] = "EAAGnew";

        // Without the key: refused, nothing touched.
        using (var anonymous = _rotated.CreateClient())
        using (var refused = await anonymous.PostAsync("/ops/api/tokens/reencrypt", null))
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(3, (await KeyIdsAsync(db)).Count(id => id == oldProtector.CurrentKeyId));

        using var http = DashboardAppFactory.OpsClient(_rotated);
        using var response = await http.PostAsync("/ops/api/tokens/reencrypt?batchSize=2", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, report.GetProperty("reencrypted").GetInt32());
        Assert.Equal(1, report.GetProperty("alreadyCurrent").GetInt64());
        Assert.Equal(0, report.GetProperty("failed").GetInt32());
        Assert.Equal(0, report.GetProperty("stillStale").GetInt64());

        // Every row now opens with the new key alone, and no longer with the old one.
        // The Dashboard's demo seed adds channel accounts without a token: the rows with one are this test's.
        await using (var cmd = db.CreateCommand("SELECT id, access_token_encrypted FROM channel_accounts WHERE access_token_encrypted IS NOT NULL"))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            var seen = 0;
            while (await reader.ReadAsync())
            {
                var bytes = reader.GetFieldValue<byte[]>(1);
                Assert.Equal(newOnly.CurrentKeyId, bytes[1]);
                Assert.Equal(tokens[reader.GetGuid(0)], newOnly.Unprotect(bytes));
                Assert.ThrowsAny<CryptographicException>(() => oldProtector.Unprotect(bytes));
                seen++;
            }
            Assert.Equal(4, seen);
        }

        // A second run has nothing left to do.
        var again = await (await http.PostAsync("/ops/api/tokens/reencrypt", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, again.GetProperty("reencrypted").GetInt32());
        Assert.Equal(4, again.GetProperty("alreadyCurrent").GetInt64());
    }

    [Fact]
    public async Task Without_an_encryption_key_the_endpoint_says_so()
    {
        using var http = DashboardAppFactory.OpsClient(_factory);
        using var response = await http.PostAsync("/ops/api/tokens/reencrypt", null);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Security:EncryptionKey", await response.Content.ReadAsStringAsync());
    }

    private static async Task<Guid> InsertAsync(NpgsqlDataSource db, Guid merchant, string externalId, byte[] token)
    {
        await using var cmd = db.CreateCommand(
            "INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, access_token_encrypted) VALUES ($1, 'instagram', 'meta', $2, $3) RETURNING id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = merchant });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = externalId });
        cmd.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = token });
        return (Guid)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task<List<byte>> KeyIdsAsync(NpgsqlDataSource db)
    {
        var ids = new List<byte>();
        await using var cmd = db.CreateCommand("SELECT get_byte(access_token_encrypted, 1) FROM channel_accounts WHERE access_token_encrypted IS NOT NULL");
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add((byte)reader.GetInt32(0));
        return ids;
    }
}
