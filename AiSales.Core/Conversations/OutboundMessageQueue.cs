using AiSales.Core.Messaging;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using Npgsql;
using Wolverine.Postgresql;

namespace AiSales.Core.Conversations;

/// <summary>
/// Queues an outbound message: the messages row (outbound, pending), its outbound_sends ledger row and the
/// <see cref="SendMessage"/> job commit in ONE transaction, so a queued reply is never lost and never sent
/// without its ledger row. The conversation must belong to the merchant (checked in the same transaction).
/// </summary>
public sealed class OutboundMessageQueue(NpgsqlDataSource dataSource, IPostgresqlOutbox outbox)
{
    public static string IdempotencyKeyFor(Guid messageId) => $"msg:{messageId:N}";

    public Task<Guid> QueueAsync(Guid merchantId, Guid conversationId, string text, MessageAuthor author, Guid? userId,
        CancellationToken ct) => QueueAsync(merchantId, conversationId, text, author, userId, MessagingType.Response, ct);

    /// <returns>The new message id.</returns>
    /// <exception cref="KeyNotFoundException">The conversation does not exist for this merchant.</exception>
    public async Task<Guid> QueueAsync(Guid merchantId, Guid conversationId, string text, MessageAuthor author, Guid? userId,
        MessagingType messagingType, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (author is not (MessageAuthor.Human or MessageAuthor.Ai))
            throw new ArgumentOutOfRangeException(nameof(author), author, "Outbound messages are written by a human or the AI.");

        var messageId = Guid.CreateVersion7();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);

        Guid channelAccountId;
        await using (var find = new NpgsqlCommand(
            "SELECT channel_account_id FROM conversations WHERE id = $1 AND merchant_id = $2 FOR UPDATE", conn, tx))
        {
            find.Parameters.Add(new() { Value = conversationId });
            find.Parameters.Add(new() { Value = merchantId });
            channelAccountId = await find.ExecuteScalarAsync(ct) is Guid id
                ? id
                : throw new KeyNotFoundException($"Conversation {conversationId} not found for merchant {merchantId}.");
        }

        var isHuman = author == MessageAuthor.Human;
        await using (var batch = new NpgsqlBatch(conn, tx))
        {
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO messages (id, merchant_id, conversation_id, channel_account_id, direction, author, kind, text, status, status_detail)
                VALUES ($1, $2, $3, $4, 'outbound', $5, 'text', $6, 'pending', $7)
                """,
                messageId, merchantId, conversationId, channelAccountId, EnumText<MessageAuthor>.ToText(author), text,
                userId is { } u ? $"queued by user {u}" : "queued"));
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO outbound_sends (merchant_id, message_id, channel_account_id, idempotency_key, state, messaging_type, endpoint_class)
                VALUES ($1, $2, $3, $4, 'pending', $5, 'text')
                """,
                merchantId, messageId, channelAccountId, IdempotencyKeyFor(messageId), EnumText<MessagingType>.ToText(messagingType)));
            // A human reply makes the human the owner (the AI stays quiet) and marks when they last spoke.
            batch.BatchCommands.Add(Command(
                """
                UPDATE conversations SET last_message_at = now(), updated_at = now(),
                    last_human_message_at = CASE WHEN $2 THEN now() ELSE last_human_message_at END,
                    owner = CASE WHEN $2 THEN 'human' ELSE owner END,
                    owner_changed_at = CASE WHEN $2 AND owner <> 'human' THEN now() ELSE owner_changed_at END
                WHERE id = $1
                """,
                conversationId, isHuman));
            await batch.ExecuteNonQueryAsync(ct);
        }

        await outbox.EnqueueAsync(conn, tx, [new SendMessage(messageId)], null, ct);
        await tx.CommitAsync(ct);
        return messageId;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        return cmd;
    }
}
