using AiSales.Core.Messaging;
using Npgsql;
using Wolverine.Postgresql;

namespace AiSales.Core.Sending;

/// <summary>
/// STOPGAP until the dashboard's <c>AiSales.Core/Conversations/OutboundMessageQueue</c> is on main (same contract; the lead
/// replaces this with it): queues an AI reply as the outbound message (pending), its outbound_sends ledger row (pending,
/// idempotency key <c>msg:{id:N}</c>) and the <see cref="SendMessage"/> job in ONE transaction, so a reply is never lost
/// and never sent without its ledger row.
/// </summary>
public sealed class AiReplyOutbox(NpgsqlDataSource dataSource, IPostgresqlOutbox outbox)
{
    public static string IdempotencyKeyFor(Guid messageId) => $"msg:{messageId:N}";

    /// <returns>The new message id.</returns>
    public async Task<Guid> QueueAiReplyAsync(Guid merchantId, Guid conversationId, string text, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var messageId = Guid.CreateVersion7();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand("""
            WITH c AS (
                UPDATE conversations SET last_message_at = now(), updated_at = now()
                WHERE id = $2 AND merchant_id = $3
                RETURNING channel_account_id),
            m AS (
                INSERT INTO messages (id, merchant_id, conversation_id, channel_account_id, direction, author, kind, text, status, status_detail)
                SELECT $1, $3, $2, c.channel_account_id, 'outbound', 'ai', 'text', $4, 'pending', 'queued' FROM c
                RETURNING id, channel_account_id)
            INSERT INTO outbound_sends (merchant_id, message_id, channel_account_id, idempotency_key, state, messaging_type, endpoint_class)
            SELECT $3, m.id, m.channel_account_id, $5, 'pending', 'response', 'text' FROM m
            """, conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = messageId });
            cmd.Parameters.Add(new NpgsqlParameter { Value = conversationId });
            cmd.Parameters.Add(new NpgsqlParameter { Value = merchantId });
            cmd.Parameters.Add(new NpgsqlParameter { Value = text });
            cmd.Parameters.Add(new NpgsqlParameter { Value = IdempotencyKeyFor(messageId) });
            if (await cmd.ExecuteNonQueryAsync(ct) == 0)
                throw new KeyNotFoundException($"Conversation {conversationId} not found for merchant {merchantId}.");
        }
        await outbox.EnqueueAsync(conn, tx, [new SendMessage(messageId)], null, ct);
        await tx.CommitAsync(ct);
        return messageId;
    }
}
