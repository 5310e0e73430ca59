using AiSales.Core.Conversations;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using Npgsql;
using Wolverine.Postgresql;

namespace AiSales.Core.Sending;

/// <summary>
/// Queues a reply to a customer's comment, the way <see cref="OutboundMessageQueue"/> queues a DM: the message
/// (outbound, pending, <c>comment_id</c> set), its outbound_sends ledger row and the <see cref="SendMessage"/> job in ONE
/// transaction. The comment must be an inbound comment of that conversation (checked in the same transaction), so a
/// reply can never be aimed at somebody else's comment.
/// - Public reply: a comment under the customer's comment (ledger <c>messaging_type</c> response, <c>endpoint_class</c>
///   <see cref="OutboundSendMapper.CommentReplyEndpointClass"/>); no messaging window applies.
/// - Private reply: a DM to the commenter (ledger <c>private_reply</c>); the window planner allows one per comment,
///   within 7 days of it, and refuses a second one with <c>private_reply_already_sent</c> at send time.
/// </summary>
public sealed class CommentReplyQueue(NpgsqlDataSource dataSource, IPostgresqlOutbox outbox)
{
    /// <returns>The new message id.</returns>
    /// <exception cref="KeyNotFoundException">No such conversation for the merchant, or no such comment in it.</exception>
    public Task<Guid> QueuePublicReplyAsync(Guid merchantId, Guid conversationId, string commentId, string text, MessageAuthor author,
        Guid? userId, CancellationToken ct) =>
        QueueAsync(merchantId, conversationId, commentId, text, author, userId, MessageKind.Comment, MessagingType.Response,
            OutboundSendMapper.CommentReplyEndpointClass, ct);

    /// <returns>The new message id.</returns>
    /// <exception cref="KeyNotFoundException">No such conversation for the merchant, or no such comment in it.</exception>
    public Task<Guid> QueuePrivateReplyAsync(Guid merchantId, Guid conversationId, string commentId, string text, MessageAuthor author,
        Guid? userId, CancellationToken ct) =>
        QueueAsync(merchantId, conversationId, commentId, text, author, userId, MessageKind.Text, MessagingType.PrivateReply,
            "private_reply", ct);

    private async Task<Guid> QueueAsync(Guid merchantId, Guid conversationId, string commentId, string text, MessageAuthor author,
        Guid? userId, MessageKind kind, MessagingType messagingType, string endpointClass, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (author is not (MessageAuthor.Human or MessageAuthor.Ai))
            throw new ArgumentOutOfRangeException(nameof(author), author, "Outbound messages are written by a human or the AI.");

        var messageId = Guid.CreateVersion7();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);

        Guid channelAccountId;
        await using (var find = new NpgsqlCommand("""
            SELECT c.channel_account_id FROM conversations c
            WHERE c.id = $1 AND c.merchant_id = $2
              AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound' AND m.comment_id = $3)
            FOR UPDATE OF c
            """, conn, tx))
        {
            find.Parameters.Add(new() { Value = conversationId });
            find.Parameters.Add(new() { Value = merchantId });
            find.Parameters.Add(new() { Value = commentId });
            channelAccountId = await find.ExecuteScalarAsync(ct) is Guid id
                ? id
                : throw new KeyNotFoundException($"Comment {commentId} not found in conversation {conversationId} of merchant {merchantId}.");
        }

        var isHuman = author == MessageAuthor.Human;
        await using (var batch = new NpgsqlBatch(conn, tx))
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO messages (id, merchant_id, conversation_id, channel_account_id, direction, author, kind, text, comment_id, status, status_detail)
                VALUES ($1, $2, $3, $4, 'outbound', $5, $6, $7, $8, 'pending', $9)
                """,
                messageId, merchantId, conversationId, channelAccountId, EnumText<MessageAuthor>.ToText(author), EnumText<MessageKind>.ToText(kind),
                text, commentId, userId is { } u ? $"queued by user {u}" : "queued"));
            batch.BatchCommands.Add(Command("""
                INSERT INTO outbound_sends (merchant_id, message_id, channel_account_id, idempotency_key, state, messaging_type, endpoint_class)
                VALUES ($1, $2, $3, $4, 'pending', $5, $6)
                """,
                merchantId, messageId, channelAccountId, OutboundMessageQueue.IdempotencyKeyFor(messageId),
                EnumText<MessagingType>.ToText(messagingType), endpointClass));
            // Same ownership rule as a DM: a person answering takes the conversation (the AI stays quiet).
            batch.BatchCommands.Add(Command("""
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
