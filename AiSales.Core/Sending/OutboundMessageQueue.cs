using AiSales.Core.Messaging;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using Npgsql;

namespace AiSales.Core.Sending;

/// <summary>
/// Queues an outbound message: the messages row (outbound, pending), its outbound_sends ledger row and the
/// <see cref="SendMessage"/> job commit in ONE transaction, so a queued reply is never lost and never sent
/// without its ledger row. The conversation must belong to the merchant (checked in the same transaction).
/// </summary>
public sealed class OutboundMessageQueue(NpgsqlDataSource dataSource, PostgresOutbox outbox)
{
    public static string IdempotencyKeyFor(Guid messageId) => $"msg:{messageId:N}";

    public Task<Guid> QueueAsync(Guid merchantId, Guid conversationId, string text, MessageAuthor author, Guid? userId,
        CancellationToken ct) => QueueAsync(merchantId, conversationId, text, author, userId, MessagingType.Response, ct);

    /// <returns>The new message id.</returns>
    /// <exception cref="KeyNotFoundException">The conversation does not exist for this merchant.</exception>
    public Task<Guid> QueueAsync(Guid merchantId, Guid conversationId, string text, MessageAuthor author, Guid? userId,
        MessagingType messagingType, CancellationToken ct) =>
        QueueAsync(new OutboundDraft(merchantId, conversationId, text, author, userId, messagingType), ct);

    /// <returns>The new message id.</returns>
    /// <exception cref="KeyNotFoundException">The conversation does not exist for this merchant, or (for a comment reply)
    /// the comment is not an inbound comment of that conversation.</exception>
    public async Task<Guid> QueueAsync(OutboundDraft draft, CancellationToken ct)
    {
        Validate(draft);
        var messageId = Guid.CreateVersion7();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);

        var channelAccountId = await BatchReads.ReadAsync(conn, tx, LockConversation(draft), ct) ?? throw NotFound(draft);

        var send = outbox.Begin();
        await using (var batch = new NpgsqlBatch(conn, tx))
        {
            Add(batch, send, draft, messageId, channelAccountId);
            await batch.ExecuteNonQueryAsync(ct);
        }
        await send.StoreAsync(tx, ct);
        await tx.CommitAsync(ct);
        await send.SentAsync();
        return messageId;
    }

    public static void Validate(OutboundDraft draft)
    {
        // An image message may go without words (Messenger and Instagram carry text or one attachment per message).
        if (draft.AttachmentUrl is null) ArgumentException.ThrowIfNullOrWhiteSpace(draft.Text);
        else ArgumentException.ThrowIfNullOrWhiteSpace(draft.AttachmentUrl, nameof(draft));
        if (draft.Author is not (MessageAuthor.Human or MessageAuthor.Ai))
            throw new ArgumentOutOfRangeException(nameof(draft), draft.Author, "Outbound messages are written by a human or the AI.");
        if (draft.CommentId is { } c) ArgumentException.ThrowIfNullOrWhiteSpace(c, nameof(draft));
        if ((draft.Template is not null) != (draft.MessagingType == MessagingType.Template))
            throw new ArgumentException("A template send carries its template, and only a template send does.", nameof(draft));
    }

    /// <summary>
    /// Locks the draft's conversation (FOR UPDATE) and reads its channel account id; null when it is not the merchant's
    /// conversation or, for a comment reply, the comment is not a customer's comment in it.
    /// A read for the caller's batch (<see cref="BatchReads"/>), so the lock can share a round trip with others.
    /// </summary>
    public static BatchRead<Guid?> LockConversation(OutboundDraft draft) => new(LockConversationCommand(draft),
        async (reader, ct) => await reader.ReadAsync(ct) ? reader.GetGuid(0) : null);

    /// <summary>
    /// The lock of <see cref="LockConversation"/> alone, for a write batch whose caller already knows the conversation's
    /// channel account and reads nothing back (LeadGreeter, which has just opened the conversation).
    /// </summary>
    public static NpgsqlBatchCommand LockConversationCommand(OutboundDraft draft)
    {
        // Two texts rather than `$3 IS NULL OR EXISTS (...)`: that guard made Postgres plan the statement on every call.
        var find = new NpgsqlBatchCommand(draft.CommentId is null ? LockConversationSql : LockCommentConversationSql);
        find.Parameters.Add(new() { Value = draft.ConversationId });
        find.Parameters.Add(new() { Value = draft.MerchantId });
        if (draft.CommentId is { } commentId) find.Parameters.Add(new() { Value = commentId });
        return find;
    }

    private const string LockConversationSql = """
        SELECT c.channel_account_id FROM conversations c
        WHERE c.id = $1 AND c.merchant_id = $2
        FOR UPDATE OF c
        """;

    private const string LockCommentConversationSql = """
        SELECT c.channel_account_id FROM conversations c
        WHERE c.id = $1 AND c.merchant_id = $2
          AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound' AND m.comment_id = $3)
        FOR UPDATE OF c
        """;

    /// <summary>What <see cref="LockConversation"/> finding nothing means: not this merchant's conversation, or not its comment.</summary>
    private static KeyNotFoundException NotFound(OutboundDraft draft) => new(draft.CommentId is null
        ? $"Conversation {draft.ConversationId} not found for merchant {draft.MerchantId}."
        : $"Comment {draft.CommentId} not found in conversation {draft.ConversationId} of merchant {draft.MerchantId}.");

    /// <summary>
    /// Adds the message row (outbound, pending), its ledger row, the conversation's update and the <see cref="SendMessage"/>
    /// job to <paramref name="batch"/> and <paramref name="messages"/>, which run in a transaction holding the conversation's
    /// lock (<see cref="LockConversation"/>).
    /// </summary>
    public static void Add(NpgsqlBatch batch, OutboxMessages messages, OutboundDraft draft, Guid messageId, Guid channelAccountId)
    {
        foreach (var command in WriteCommands(draft, messageId, channelAccountId)) batch.BatchCommands.Add(command);
        messages.Add(new SendMessage(messageId));
    }

    // What the inbox shows of the message: its picture, or the products of a product message (as a cart's lines).
    private static string Attachments(OutboundDraft draft) =>
        draft.AttachmentUrl is { } url ? JsonbSerialization.Serialize(new[] { new MessageAttachment { Type = "image", Url = url } })
        : draft.Showcase is { } showcase ? JsonbSerialization.Serialize(showcase.Items.Select(i =>
            new MessageAttachment { Type = "product", ExternalId = i.RetailerId, Title = i.Title, Url = i.ImageUrl }).ToList())
        : "[]";

    private static IEnumerable<NpgsqlBatchCommand> WriteCommands(OutboundDraft draft, Guid messageId, Guid channelAccountId)
    {
        var isHuman = draft.Author == MessageAuthor.Human;
        yield return PositionalSql.Command(
            """
            INSERT INTO messages (id, merchant_id, conversation_id, channel_account_id, direction, author, kind, text, comment_id, status, status_detail, product_id, attachments)
            VALUES ($1, $2, $3, $4, 'outbound', $5, $6, $7, $8, 'pending', $9, $10, $11::jsonb)
            """,
            messageId, draft.MerchantId, draft.ConversationId, channelAccountId, EnumText<MessageAuthor>.ToText(draft.Author),
            EnumText<MessageKind>.ToText(draft.Kind), string.IsNullOrEmpty(draft.Text) ? DBNull.Value : draft.Text, (object?)draft.CommentId ?? DBNull.Value,
            draft.UserId is { } u ? $"queued by user {u}" : "queued", draft.ProductId,
            Attachments(draft));
        yield return PositionalSql.Command(
            """
            INSERT INTO outbound_sends (merchant_id, message_id, channel_account_id, idempotency_key, state, messaging_type, endpoint_class, template, products)
            VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7::jsonb, $8::jsonb)
            """,
            draft.MerchantId, messageId, channelAccountId, IdempotencyKeyFor(messageId),
            EnumText<MessagingType>.ToText(draft.MessagingType), draft.EndpointClass,
            draft.Template is { } template ? JsonbSerialization.Serialize(template) : DBNull.Value,
            draft.Showcase is { } showcase ? JsonbSerialization.Serialize(showcase) : DBNull.Value);
        // A human reply makes the human the owner (the AI stays quiet) and marks when they last spoke.
        yield return PositionalSql.Command(
            """
            UPDATE conversations SET last_message_at = now(), updated_at = now(),
                last_human_message_at = CASE WHEN $2 THEN now() ELSE last_human_message_at END,
                owner = CASE WHEN $2 THEN 'human' ELSE owner END,
                owner_changed_at = CASE WHEN $2 AND owner <> 'human' THEN now() ELSE owner_changed_at END
            WHERE id = $1
            """,
            draft.ConversationId, isHuman);
    }
}

/// <summary>What to queue: a DM by default, or a reply tied to a customer's comment (<see cref="CommentId"/>); an AI reply
/// names the product it was about (<see cref="ProductId"/>); an image message carries its picture (<see cref="AttachmentUrl"/>,
/// with <see cref="Kind"/> image and the media endpoint class); a WhatsApp template send (<see cref="Template"/>, messaging type
/// Template) carries the template a person chose, and its rendered words as <see cref="Text"/>.</summary>
public sealed record OutboundDraft(
    Guid MerchantId, Guid ConversationId, string Text, MessageAuthor Author, Guid? UserId,
    MessagingType MessagingType = MessagingType.Response,
    MessageKind Kind = MessageKind.Text,
    string EndpointClass = "text",
    string? CommentId = null,
    Guid? ProductId = null,
    string? AttachmentUrl = null,
    Transports.WhatsAppTemplate? Template = null,
    Transports.ProductShowcase? Showcase = null);
