using AiSales.Core.Messaging;
using Npgsql;

namespace AiSales.Core.Conversations;

/// <summary>
/// After a person hands a conversation back to the assistant, it answers at once what the customer asked since the
/// last reply: the latest customer message gets a GenerateReply now (the same job, deduplicated per conversation, that
/// the inbound pipeline schedules), when no AI or human message came after it. The turn policy and the window planner
/// still decide whether the reply goes out (24 h window, a human writing meanwhile).
/// </summary>
public sealed class HandBackReply(NpgsqlDataSource dataSource, PostgresOutbox outbox)
{
    private const string PendingSql = """
        SELECT lc.id FROM conversations c
        JOIN LATERAL (
            SELECT m.id, m.created_at FROM messages m
            WHERE m.conversation_id = c.id AND m.author = 'customer' AND m.deleted_at IS NULL
            ORDER BY m.created_at DESC LIMIT 1) lc ON true
        WHERE c.id = $1 AND c.merchant_id = $2 AND c.owner = 'ai' AND c.status = 'open'
          AND NOT EXISTS (SELECT 1 FROM messages r WHERE r.conversation_id = c.id AND r.author IN ('ai', 'human') AND r.created_at > lc.created_at)
        """;

    /// <returns>True when a reply was scheduled (the customer had an unanswered message).</returns>
    public async Task<bool> ScheduleAsync(Guid merchantId, Guid conversationId, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        Guid? pending;
        await using (var find = new NpgsqlCommand(PendingSql, conn, tx))
        {
            find.Parameters.Add(new NpgsqlParameter { Value = conversationId });
            find.Parameters.Add(new NpgsqlParameter { Value = merchantId });
            pending = await find.ExecuteScalarAsync(ct) as Guid?;
        }
        if (pending is null)
        {
            await tx.RollbackAsync(ct);
            return false;
        }

        var reply = await outbox.StoreAsync(tx, [new GenerateReply(conversationId, pending.Value)], ct: ct);
        await tx.CommitAsync(ct);
        await reply.SentAsync();
        return true;
    }
}
