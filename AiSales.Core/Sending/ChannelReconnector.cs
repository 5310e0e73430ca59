using AiSales.Core.Messaging;
using Npgsql;

namespace AiSales.Core.Sending;

/// <summary>
/// Brings a channel back after "needs reconnect" (Graph 190): stores the new token, marks the account active and
/// re-enqueues every message parked for it — all in one transaction, so a reconnect never leaves a parked message
/// behind and never enqueues for a token that did not commit. The dashboard calls <see cref="ReconnectChannelAsync"/>;
/// a <see cref="ChannelReconnected"/> job (token already stored elsewhere) runs <see cref="ResumeParkedAsync"/>.
/// </summary>
public sealed class ChannelReconnector(NpgsqlDataSource dataSource, Messaging.PostgresOutbox outbox)
{
    /// <param name="newEncryptedToken">TokenProtector output; null keeps the stored token (e.g. the platform-side issue was fixed).</param>
    /// <returns>How many parked messages were re-enqueued.</returns>
    public async Task<int> ReconnectChannelAsync(Guid channelAccountId, byte[]? newEncryptedToken, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var update = new NpgsqlCommand("""
            UPDATE channel_accounts SET status = 'active', last_error = NULL, updated_at = now(),
                access_token_encrypted = COALESCE($2, access_token_encrypted)
            WHERE id = $1
            """, conn, tx))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = channelAccountId });
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)newEncryptedToken ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
            if (await update.ExecuteNonQueryAsync(ct) == 0)
                throw new KeyNotFoundException($"Channel account {channelAccountId} not found.");
        }
        var sends = await EnqueueParkedAsync(conn, tx, channelAccountId, ct);
        await tx.CommitAsync(ct);
        await sends.SentAsync();
        return sends.Count;
    }

    /// <summary>Re-enqueues the parked messages of an account that is active again (no token change).</summary>
    public async Task<int> ResumeParkedAsync(Guid channelAccountId, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var sends = await EnqueueParkedAsync(conn, tx, channelAccountId, ct);
        await tx.CommitAsync(ct);
        await sends.SentAsync();
        return sends.Count;
    }

    private async Task<Messaging.OutboxMessages> EnqueueParkedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid channelAccountId, CancellationToken ct)
    {
        var parked = new List<Guid>();
        await using (var find = new NpgsqlCommand("""
            SELECT m.id FROM outbound_sends s JOIN messages m ON m.id = s.message_id
            WHERE s.channel_account_id = $1 AND s.state = 'pending' AND m.status_detail = $2
              AND EXISTS (SELECT 1 FROM channel_accounts a WHERE a.id = $1 AND a.status = 'active')
            ORDER BY s.created_at
            FOR UPDATE OF s
            """, conn, tx))
        {
            find.Parameters.Add(new NpgsqlParameter { Value = channelAccountId });
            find.Parameters.Add(new NpgsqlParameter { Value = SendStatusDetail.WaitingReconnect });
            await using var reader = await find.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) parked.Add(reader.GetGuid(0));
        }

        // One job per message. A send job of the message still waiting (a retry) is harmless: the ledger claims each send once.
        return await outbox.StoreAsync(tx, parked.Select(id => (object)new SendMessage(id)).ToList(), ct: ct);
    }
}
