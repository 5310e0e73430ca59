using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Conversations;

/// <summary>
/// Stores a message once: UNIQUE(channel_account_id, external_id) makes a redelivered mid/wamid collide.
/// Returns the row's id either way, and whether this call created it (only then does the conversation move).
/// </summary>
public static class MessageRecorder
{
    private const string InsertSql = """
        INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, kind, text, attachments,
            external_id, reply_to_external_id, story_id, comment_id, media_id, referral, external_timestamp, status, trace_parent)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13, $14::jsonb, $15, $16, $17)
        ON CONFLICT (channel_account_id, external_id) DO NOTHING
        RETURNING id
        """;

    private const string ExistingSql = "SELECT id FROM messages WHERE channel_account_id = $1 AND external_id = $2";

    public static async Task<(Guid Id, bool Inserted)> RecordAsync(EventScope scope, Guid conversationId, MessageDirection direction,
        MessageAuthor author, MessageStatus status, MessageShape shape, CancellationToken ct)
    {
        var id = await scope.ScalarAsync<Guid?>(InsertSql, ct,
            scope.Route.MerchantId, conversationId, scope.Route.ChannelAccountId,
            EnumText<MessageDirection>.ToText(direction), EnumText<MessageAuthor>.ToText(author), EnumText<MessageKind>.ToText(shape.Kind),
            shape.Text, shape.AttachmentsJson, shape.ExternalId, shape.ReplyToExternalId, shape.StoryId, shape.CommentId, shape.MediaId,
            shape.ReferralJson, scope.At, EnumText<MessageStatus>.ToText(status), scope.TraceParent);
        if (id is { } inserted) return (inserted, true);
        var existing = await scope.ScalarAsync<Guid>(ExistingSql, ct, scope.Route.ChannelAccountId, shape.ExternalId);
        return (existing, false);
    }
}
