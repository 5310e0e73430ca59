using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Conversations;

/// <summary>The contact's open conversation, created (or a new one after the last was closed) on demand.</summary>
public static class ConversationUpserter
{
    // The partial unique index allows one open conversation per contact, so concurrent events for the same
    // customer land on the same row. DO UPDATE (not NOTHING) so RETURNING always yields the row.
    private const string Sql = """
        INSERT INTO conversations (merchant_id, channel_account_id, contact_id) VALUES ($1, $2, $3)
        ON CONFLICT (contact_id) WHERE status = 'open' DO UPDATE SET updated_at = now()
        RETURNING id, owner
        """;

    public static async Task<(Guid Id, ConversationOwner Owner)> UpsertOpenAsync(EventScope scope, Guid contactId, CancellationToken ct)
    {
        await using var cmd = scope.Command(Sql, scope.Route.MerchantId, scope.Route.ChannelAccountId, contactId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetGuid(0), EnumText<ConversationOwner>.Parse(reader.GetString(1)));
    }

    private const string ActivitySql = """
        UPDATE conversations SET
            last_message_at = GREATEST(last_message_at, $2),
            last_customer_message_at = CASE WHEN $3 THEN GREATEST(last_customer_message_at, $2) ELSE last_customer_message_at END,
            unread_count = unread_count + CASE WHEN $3 THEN 1 ELSE 0 END,
            reply_due_at = CASE WHEN $4 THEN now() + make_interval(secs => $5) ELSE reply_due_at END,
            updated_at = now()
        WHERE id = $1
        """;

    /// <summary>
    /// Timestamps only move forward (GREATEST), so a late, older message does not rewind the inbox order
    /// or the 24-hour window's start.
    /// </summary>
    /// <summary>Deferred to the event's last round trip (<see cref="EventScope.Deferred"/>): nothing later in the event reads it.</summary>
    public static void RecordActivity(EventScope scope, Guid conversationId, DateTimeOffset at, bool fromCustomer, int? replyInSeconds) =>
        scope.Defer(ActivitySql, conversationId, at, fromCustomer, replyInSeconds is not null, (double)(replyInSeconds ?? 0));
}
