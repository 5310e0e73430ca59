using AiSales.Core.Conversations;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Inbound.Recording;

/// <summary>A message stored in its customer's open conversation: the ids on the way, and whether this call created it.</summary>
/// <param name="AwaitingPerson">The assistant handed the chat to a person who has not written yet (it keeps answering).</param>
public readonly record struct RecordedMessage(Guid ContactId, Guid ConversationId, ConversationOwner Owner, Guid MessageId, bool Inserted,
    bool AwaitingPerson = false);

/// <summary>
/// Stores a customer's (or a human echo's) message in ONE statement: the contact upsert (<see cref="ContactUpserter"/>),
/// the contact's open conversation (created on demand, or a new one after the last was closed), and the message. One
/// round trip instead of three on every inbound message. UNIQUE(channel_account_id, external_id) makes a redelivered
/// mid/wamid collide: the message then is not inserted (only a created message moves the conversation), and its id is
/// looked up.
/// </summary>
public static class MessageRecorder
{
    // The conversation: the partial unique index allows one open conversation per contact, so concurrent events for
    // the same customer land on the same row; DO UPDATE (not NOTHING) so RETURNING always yields it. The message's
    // parameters carry casts because an INSERT ... SELECT does not type untyped NULLs from the target columns.
    private static readonly string InsertSql = $"""
        WITH ct AS ({ContactUpserter.Sql}),
        cv AS (
            INSERT INTO conversations AS c (merchant_id, channel_account_id, contact_id) SELECT $1, $2, ct.id FROM ct
            ON CONFLICT (contact_id) WHERE status = 'open' DO UPDATE SET updated_at = now()
            RETURNING id, owner, {OwnershipRules.AwaitingPersonSql} AS awaiting),
        m AS (
            INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, kind, text, attachments,
                external_id, reply_to_external_id, story_id, comment_id, media_id, referral, external_timestamp, status, trace_parent)
            SELECT $1, cv.id, $2, $8::text, $9::text, $10::text, $11::text, $12::jsonb, $13::text, $14::text, $15::text, $16::text,
                $17::text, $18::jsonb, $19::timestamptz, $20::text, $21::text
            FROM cv
            ON CONFLICT (channel_account_id, external_id) DO NOTHING
            RETURNING id)
        SELECT ct.id, cv.id, cv.owner, m.id, cv.awaiting FROM ct CROSS JOIN cv LEFT JOIN m ON true
        """;

    private const string ExistingSql = "SELECT id FROM messages WHERE channel_account_id = $1 AND external_id = $2";

    /// <param name="customerMessageAt">Set for a customer's own message: the contact's last customer message time.</param>
    public static async Task<RecordedMessage> RecordAsync(EventScope scope, string customerExternalId, string? displayName, string? username,
        DateTimeOffset? customerMessageAt, MessageDirection direction, MessageAuthor author, MessageStatus status, MessageShape shape,
        CancellationToken ct)
    {
        object?[] args =
        [
            .. ContactUpserter.Parameters(scope, customerExternalId, displayName, username, customerMessageAt),
            EnumText<MessageDirection>.ToText(direction), EnumText<MessageAuthor>.ToText(author), EnumText<MessageKind>.ToText(shape.Kind),
            shape.Text, shape.AttachmentsJson, shape.ExternalId, shape.ReplyToExternalId, shape.StoryId, shape.CommentId, shape.MediaId,
            shape.ReferralJson, scope.At, EnumText<MessageStatus>.ToText(status), scope.TraceParent,
        ];
        Guid contactId, conversationId;
        ConversationOwner owner;
        Guid? messageId;
        bool awaiting;
        await using (var cmd = scope.Command(InsertSql, args))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            (contactId, conversationId, owner) = (reader.GetGuid(0), reader.GetGuid(1), EnumText<ConversationOwner>.Parse(reader.GetString(2)));
            messageId = reader.IsDBNull(3) ? null : reader.GetGuid(3);
            awaiting = reader.GetBoolean(4);
        }
        if (messageId is { } inserted) return new RecordedMessage(contactId, conversationId, owner, inserted, true, awaiting);
        var existing = await scope.ScalarAsync<Guid>(ExistingSql, ct, scope.Route.ChannelAccountId, shape.ExternalId);
        return new RecordedMessage(contactId, conversationId, owner, existing, false);
    }
}
