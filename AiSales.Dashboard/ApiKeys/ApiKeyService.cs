using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiSales.Dashboard.ApiKeys;

/// <summary>
/// Creates, lists, revokes and checks Merchant API keys (table merchant_api_keys). Raw SQL on the shared
/// data source: authentication runs on every API request and needs neither change tracking nor a DbContext.
/// </summary>
public sealed class ApiKeyService(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<ApiKeyService> logger)
{
    /// <summary>last_used_at is informational: writing it on every request would turn each read into a write.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<CreatedApiKey> CreateAsync(Guid merchantId, string name, string createdBy, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        var now = clock.GetUtcNow();
        // A prefix collision (1 in 36^8 per pair) hits the unique constraint; a fresh key simply tries again.
        for (var attempt = 0; ; attempt++)
        {
            var (prefix, secret, plaintext) = ApiKeyFormat.Generate();
            var id = Guid.CreateVersion7();
            await using var cmd = dataSource.CreateCommand("""
                INSERT INTO merchant_api_keys (id, merchant_id, name, prefix, key_hash, created_by, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                """);
            cmd.Parameters.Add(new() { Value = id });
            cmd.Parameters.Add(new() { Value = merchantId });
            cmd.Parameters.Add(new() { Value = name.Trim() });
            cmd.Parameters.Add(new() { Value = prefix });
            cmd.Parameters.Add(new() { Value = ApiKeyFormat.Hash(secret) });
            cmd.Parameters.Add(new() { Value = createdBy });
            cmd.Parameters.Add(new() { Value = now });
            try
            {
                await cmd.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && attempt < 3)
            {
                continue;
            }
            logger.LogInformation("API key {ApiKeyPrefix} created for merchant {MerchantId} by {CreatedBy}", prefix, merchantId, createdBy);
            return new CreatedApiKey(id, name.Trim(), prefix, plaintext, now);
        }
    }

    public async Task<IReadOnlyList<ApiKeySummary>> ListAsync(Guid merchantId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT id, name, prefix, created_by, created_at, last_used_at, revoked_at
            FROM merchant_api_keys WHERE merchant_id = $1 ORDER BY created_at DESC, id
            """);
        cmd.Parameters.Add(new() { Value = merchantId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var keys = new List<ApiKeySummary>();
        while (await reader.ReadAsync(ct))
            keys.Add(new ApiKeySummary(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        return keys;
    }

    /// <summary>Revokes one of this merchant's keys. False when the key is unknown, another merchant's, or already revoked.</summary>
    public async Task<bool> RevokeAsync(Guid merchantId, Guid keyId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "UPDATE merchant_api_keys SET revoked_at = $3 WHERE id = $1 AND merchant_id = $2 AND revoked_at IS NULL");
        cmd.Parameters.Add(new() { Value = keyId });
        cmd.Parameters.Add(new() { Value = merchantId });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        var revoked = await cmd.ExecuteNonQueryAsync(ct) == 1;
        if (revoked)
            logger.LogInformation("API key {ApiKeyId} of merchant {MerchantId} revoked", keyId, merchantId);
        return revoked;
    }

    /// <summary>The merchant a presented key speaks for, or null (malformed, unknown, wrong secret, revoked).</summary>
    public async Task<ApiKeyIdentity?> AuthenticateAsync(string? presentedKey, CancellationToken ct = default)
    {
        if (!ApiKeyFormat.TryParse(presentedKey, out var prefix, out var secret))
            return null;

        await using var cmd = dataSource.CreateCommand(
            "SELECT id, merchant_id, key_hash, last_used_at, revoked_at FROM merchant_api_keys WHERE prefix = $1");
        cmd.Parameters.Add(new() { Value = prefix });
        Guid id, merchantId;
        byte[] storedHash;
        DateTimeOffset? lastUsed;
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
                return null;
            id = reader.GetGuid(0);
            merchantId = reader.GetGuid(1);
            storedHash = reader.GetFieldValue<byte[]>(2);
            lastUsed = reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3);
            if (!reader.IsDBNull(4))
                return null;
        }

        // Constant time: how much of the hash matched must not show in the response time.
        if (!CryptographicOperations.FixedTimeEquals(storedHash, ApiKeyFormat.Hash(secret)))
            return null;

        var now = clock.GetUtcNow();
        if (lastUsed is null || now - lastUsed.Value >= LastUsedResolution)
            await TouchAsync(id, now, ct);

        return new ApiKeyIdentity(id, merchantId, prefix);
    }

    private async Task TouchAsync(Guid id, DateTimeOffset now, CancellationToken ct)
    {
        // The WHERE repeats the once-a-minute rule so concurrent requests do not all write.
        await using var cmd = dataSource.CreateCommand("""
            UPDATE merchant_api_keys SET last_used_at = $2
            WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $2 - $3::interval)
            """);
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = LastUsedResolution });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
