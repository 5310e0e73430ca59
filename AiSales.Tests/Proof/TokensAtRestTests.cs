using System.Security.Cryptography;
using System.Text;
using AiSales.Core.Security;
using AiSales.Tests.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiSales.Tests.Proof;

/// <summary>
/// docs/SECURITY.md, "tokens at rest" and "key rotation": what is in the channel_accounts column is never the
/// token, and rotating the key is deploy-new-key, keep-old-as-previous, run <see cref="TokenReencryption"/>, drop old.
/// </summary>
public sealed class TokensAtRestTests : IAsyncLifetime
{
    private PersistenceDatabase _db = null!;
    private Guid _merchantId;

    public async Task InitializeAsync()
    {
        _db = await PersistenceDatabase.CreateAsync(migrate: true);
        await using var cmd = _db.DataSource.CreateCommand("INSERT INTO merchants (name, slug) VALUES ('Proof shop', 'proof-shop') RETURNING id");
        _merchantId = (Guid)(await cmd.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static TokenProtector Protector(string key, params string[] previous) =>
        new(Options.Create(new SecurityOptions { EncryptionKey = key, PreviousEncryptionKeys = [.. previous] }));

    private async Task<Guid> InsertChannelAsync(string externalId, byte[]? token)
    {
        await using var cmd = _db.DataSource.CreateCommand(
            "INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, access_token_encrypted) VALUES ($1, 'instagram', 'meta', $2, $3) RETURNING id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = _merchantId });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = externalId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)token ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
        return (Guid)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<byte[]> ColumnAsync(Guid id)
    {
        await using var cmd = _db.DataSource.CreateCommand("SELECT access_token_encrypted FROM channel_accounts WHERE id = $1");
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        return (byte[])(await cmd.ExecuteScalarAsync())!;
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    [Fact]
    public async Task Stored_column_bytes_do_not_contain_the_token_in_any_common_encoding()
    {
        var protector = Protector(NewKey());
        const string token = "EAAGproofTOKEN0123456789abcdefXYZ";

        var id = await InsertChannelAsync("1784140000000900", protector.Protect(token));
        var column = await ColumnAsync(id);

        Assert.False(Contains(column, Encoding.UTF8.GetBytes(token)));
        Assert.False(Contains(column, Encoding.Unicode.GetBytes(token)));
        Assert.False(Contains(column, Encoding.UTF8.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(token)))));
        // Also as Postgres would show it in a dump or a log line (hex text of the bytea).
        Assert.DoesNotContain(Convert.ToHexString(Encoding.UTF8.GetBytes(token)), Convert.ToHexString(column), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, column[0]);                           // format version
        Assert.Equal(protector.CurrentKeyId, column[1]);      // key id in clear, authenticated
        Assert.Equal(token, protector.Unprotect(column));
    }

    [Fact]
    public async Task Previous_keys_decrypt_old_rows_and_reencryption_moves_them_to_the_current_key()
    {
        var oldKey = NewKey();
        var oldProtector = Protector(oldKey);
        var tokens = Enumerable.Range(0, 25).Select(i => $"EAAGold-token-{i:D3}").ToArray();
        var ids = new List<Guid>();
        for (var i = 0; i < tokens.Length; i++)
            ids.Add(await InsertChannelAsync($"17841400009{i:D5}", oldProtector.Protect(tokens[i])));
        var noToken = await InsertChannelAsync("1784140000999999", null);

        // Rotation step 1: new key deployed, old key kept for reading.
        var newKey = NewKey();
        var rotated = Protector(newKey, oldKey);
        Assert.NotEqual(oldProtector.CurrentKeyId, rotated.CurrentKeyId);
        Assert.Equal(tokens[0], rotated.Unprotect(await ColumnAsync(ids[0])));

        // Step 2: re-encrypt in small batches so paging is exercised.
        var job = new TokenReencryption(_db.DataSource, rotated, NullLogger<TokenReencryption>.Instance);
        Assert.Equal(tokens.Length, await job.CountStaleAsync());
        var result = await job.RunAsync(batchSize: 7);

        Assert.Equal(new TokenReencryption.Result(tokens.Length, 0, 0), result);
        Assert.Equal(0, await job.CountStaleAsync());

        // Step 3: the old key can go; every row still opens with the new key alone.
        var newOnly = Protector(newKey);
        for (var i = 0; i < ids.Count; i++)
        {
            var column = await ColumnAsync(ids[i]);
            Assert.Equal(rotated.CurrentKeyId, column[1]);
            Assert.Equal(tokens[i], newOnly.Unprotect(column));
            Assert.Throws<CryptographicException>(() => oldProtector.Unprotect(column));
        }
        Assert.Equal(0, await _db.ScalarAsync($"SELECT count(*) FROM channel_accounts WHERE id = '{noToken}' AND access_token_encrypted IS NOT NULL"));

        // A second run has nothing to do.
        Assert.Equal(new TokenReencryption.Result(0, 0, 0), await job.RunAsync(batchSize: 7));
    }

    [Fact]
    public async Task A_row_no_key_opens_is_reported_and_left_untouched()
    {
        var stranger = Protector(NewKey()).Protect("EAAG-from-a-lost-key");
        var id = await InsertChannelAsync("1784140000888888", stranger);
        var current = Protector(NewKey());

        var result = await new TokenReencryption(_db.DataSource, current, NullLogger<TokenReencryption>.Instance).RunAsync();

        Assert.Equal(new TokenReencryption.Result(0, 0, 1), result);
        Assert.Equal(stranger, await ColumnAsync(id));
    }
}
