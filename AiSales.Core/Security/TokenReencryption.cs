using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiSales.Core.Security;

/// <summary>
/// Key rotation, second half: after a new Security:EncryptionKey is deployed with the old one moved to
/// Security:PreviousEncryptionKeys, this rewrites every channel token still under an old key, in batches,
/// so the old key can eventually be removed. Safe to run while the app is live: each row is updated only
/// if it still holds the exact ciphertext that was read (a token reconnected meanwhile is left alone),
/// and rows are locked with SKIP LOCKED so two runs share the work instead of colliding.
/// </summary>
public sealed partial class TokenReencryption(NpgsqlDataSource dataSource, TokenProtector protector, ILogger<TokenReencryption> logger)
{
    public sealed record Result(int Reencrypted, int Skipped, int Failed);

    /// <summary>Rows whose token is not under the current key (byte 1 of the layout is the key id).</summary>
    public Task<long> CountStaleAsync(CancellationToken ct = default) => CountAsync(underCurrentKey: false, ct);

    /// <summary>Rows whose token is already under the current key (nothing to do for them).</summary>
    public Task<long> CountCurrentAsync(CancellationToken ct = default) => CountAsync(underCurrentKey: true, ct);

    /// <summary>Rows with a token whose key id (byte 1) is, or is not, the current key's.</summary>
    private async Task<long> CountAsync(bool underCurrentKey, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT count(*) FROM channel_accounts WHERE access_token_encrypted IS NOT NULL AND length(access_token_encrypted) > 1 AND (get_byte(access_token_encrypted, 1) = $1) = $2");
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = protector.CurrentKeyId });
        cmd.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = underCurrentKey });
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct));
    }

    /// <summary>Re-encrypts every stale row, <paramref name="batchSize"/> rows per transaction.</summary>
    public async Task<Result> RunAsync(int batchSize = 100, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        int done = 0, skipped = 0, failed = 0;
        var after = Guid.Empty;
        while (true)
        {
            var batch = await ReencryptBatchAsync(after, batchSize, ct);
            done += batch.Reencrypted; skipped += batch.Skipped; failed += batch.Failed;
            if (batch.LastId is not { } last) break;
            after = last;
        }
        LogFinished(logger, done, skipped, failed);
        return new Result(done, skipped, failed);
    }

    private sealed record BatchResult(Guid? LastId, int Reencrypted, int Skipped, int Failed);

    // Keyset pagination by id: a row that cannot be decrypted (no key opens it) is counted once and passed,
    // instead of being selected again forever.
    private async Task<BatchResult> ReencryptBatchAsync(Guid after, int batchSize, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var rows = new List<(Guid Id, byte[] Token)>(batchSize);
        await using (var select = new NpgsqlCommand("""
            SELECT id, access_token_encrypted FROM channel_accounts
            WHERE id > $1 AND access_token_encrypted IS NOT NULL AND length(access_token_encrypted) > 1
              AND get_byte(access_token_encrypted, 1) <> $2
            ORDER BY id LIMIT $3
            FOR UPDATE SKIP LOCKED
            """, conn, tx))
        {
            select.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = after });
            select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = protector.CurrentKeyId });
            select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batchSize });
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                rows.Add((reader.GetGuid(0), reader.GetFieldValue<byte[]>(1)));
        }
        if (rows.Count == 0)
            return new BatchResult(null, 0, 0, 0);

        int done = 0, skipped = 0, failed = 0;
        foreach (var (id, token) in rows)
        {
            string plain;
            try { plain = protector.Unprotect(token); }
            catch (System.Security.Cryptography.CryptographicException)
            {
                // Never log the bytes; the id is enough to find the row and reconnect the channel.
                LogUndecryptable(logger, id);
                failed++;
                continue;
            }
            await using var update = new NpgsqlCommand(
                "UPDATE channel_accounts SET access_token_encrypted = $2, updated_at = now() WHERE id = $1 AND access_token_encrypted = $3", conn, tx);
            update.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            update.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = protector.Protect(plain) });
            update.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = token });
            if (await update.ExecuteNonQueryAsync(ct) == 1) done++; else skipped++;
        }
        await tx.CommitAsync(ct);
        return new BatchResult(rows[^1].Id, done, skipped, failed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Token re-encryption finished: {Reencrypted} re-encrypted, {Skipped} changed meanwhile, {Failed} undecryptable")]
    private static partial void LogFinished(ILogger logger, int reencrypted, int skipped, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel account {ChannelAccountId} has a token no configured key opens; reconnect the channel")]
    private static partial void LogUndecryptable(ILogger logger, Guid channelAccountId);
}
