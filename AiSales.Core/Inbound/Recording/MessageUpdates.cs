using AiSales.Core.Inbound;
using AiSales.Core.Inbound.Events;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Inbound.Recording;

/// <summary>
/// Events about a message we already hold: edits, unsends, reactions, reads and delivery statuses. Each
/// returns how many messages it touched; 0 means the message is unknown (sent before we were connected, or
/// its own event has not arrived yet), which is recorded as such and never retried.
/// Every message changed here also moves its conversation's updated_at, in the same statement (both tables signal the
/// open inbox, migration 0019), so an edit, an unsend, a reaction or a delivered/read receipt shows in an open inbox
/// without navigating. An event that changes nothing (a status older than the one held) moves nothing.
/// </summary>
public static class MessageUpdates
{
    /// <summary>Runs an UPDATE of messages (alias m) ending in <c>RETURNING m.conversation_id</c>; returns the messages changed.</summary>
    private static Task<int> UpdateAsync(EventScope scope, string update, CancellationToken ct, params object?[] args) =>
        scope.ScalarAsync<int>($"""
            WITH m AS ({update}),
            touched AS (UPDATE conversations SET updated_at = now() WHERE id IN (SELECT conversation_id FROM m))
            SELECT count(*)::int FROM m
            """, ct, args);

    public static Task<int> EditAsync(EventScope scope, EditEvent e, CancellationToken ct) => UpdateAsync(scope, """
        UPDATE messages m SET text = $3, edited_at = $4
        WHERE channel_account_id = $1 AND external_id = $2 AND (edited_at IS NULL OR edited_at <= $4)
        RETURNING m.conversation_id
        """, ct, scope.Route.ChannelAccountId, e.Mid ?? e.ExternalEventId, e.Text, scope.At);

    public static Task<int> UnsendAsync(EventScope scope, string? mid, CancellationToken ct) => UpdateAsync(scope, """
        UPDATE messages m SET deleted_at = COALESCE(deleted_at, $3)
        WHERE channel_account_id = $1 AND external_id = $2
        RETURNING m.conversation_id
        """, ct, scope.Route.ChannelAccountId, mid, scope.At);

    /// <summary>One reaction per person per message (as on Meta): a new one replaces theirs, an unreact removes it.</summary>
    public static Task<int> ReactAsync(EventScope scope, ReactionEvent r, string by, CancellationToken ct)
    {
        var emoji = r.Emoji ?? r.Reaction;
        var removed = r.Kind == InboundEventKind.Unreaction || string.IsNullOrEmpty(emoji);
        var added = removed ? "[]" : JsonbSerialization.Serialize(new[] { new MessageReaction { By = by, Reaction = emoji!, At = scope.At } });
        return UpdateAsync(scope, """
            UPDATE messages m SET reactions =
                (SELECT COALESCE(jsonb_agg(x), '[]'::jsonb) FROM jsonb_array_elements(m.reactions) x WHERE x->>'by' IS DISTINCT FROM $3)
                || $4::jsonb
            WHERE channel_account_id = $1 AND external_id = $2
            RETURNING m.conversation_id
            """, ct, scope.Route.ChannelAccountId, r.Mid, by, added);
    }

    /// <summary>One outbound message's provider status (WhatsApp statuses[], Messenger delivery.mids[]).</summary>
    public static Task<int> SetStatusAsync(EventScope scope, string? externalId, MessageStatus next, InboundError? error, CancellationToken ct) =>
        UpdateAsync(scope, """
            UPDATE messages m SET status = $3,
                status_detail = $4,
                error_code = COALESCE($5, error_code),
                error_message = COALESCE($6, error_message)
            WHERE channel_account_id = $1 AND external_id = $2 AND status = ANY($7)
            RETURNING m.conversation_id
            """, ct, scope.Route.ChannelAccountId, externalId, EnumText<MessageStatus>.ToText(next),
            error is null ? $"{EnumText<MessageStatus>.ToText(next)} (provider)" : $"failed: {error.Title ?? error.Message}",
            error?.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture), error?.Details ?? error?.Message,
            StatusProgression.CanReplaceText(next));

    /// <summary>IG seen: the named message and every earlier outbound message of its conversation are read.</summary>
    public static Task<int> ReadUpToMessageAsync(EventScope scope, string? mid, CancellationToken ct) => UpdateAsync(scope, """
        UPDATE messages m SET status = 'read'
        FROM (SELECT conversation_id, COALESCE(external_timestamp, created_at) AS ts FROM messages
              WHERE channel_account_id = $1 AND external_id = $2) target
        WHERE m.conversation_id = target.conversation_id AND m.direction = 'outbound'
          AND COALESCE(m.external_timestamp, m.created_at) <= target.ts AND m.status = ANY($3)
        RETURNING m.conversation_id
        """, ct, scope.Route.ChannelAccountId, mid, StatusProgression.CanReplaceText(MessageStatus.Read));

    /// <summary>Messenger read/delivery watermark: every outbound message to the customer sent before it.</summary>
    public static Task<int> AdvanceToWatermarkAsync(EventScope scope, string? customerId, long watermarkMs, MessageStatus next, CancellationToken ct) =>
        UpdateAsync(scope, """
            UPDATE messages m SET status = $4
            FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
            WHERE ct.channel_account_id = $1 AND ct.external_id = $2 AND m.conversation_id = c.id
              AND m.direction = 'outbound' AND COALESCE(m.external_timestamp, m.created_at) <= $3 AND m.status = ANY($5)
            RETURNING m.conversation_id
            """, ct, scope.Route.ChannelAccountId, customerId, DateTimeOffset.FromUnixTimeMilliseconds(watermarkMs),
            EnumText<MessageStatus>.ToText(next), StatusProgression.CanReplaceText(next));

    /// <summary>Keeps the ledger in step with what the provider reports.</summary>
    /// <param name="error">A failed status's first error: its code is the ledger's last_error_code, which the number's
    /// health page counts (a send Meta accepted and then could not deliver, e.g. 131047 outside the 24-hour window).</param>
    public static Task<int> SettleLedgerAsync(EventScope scope, string? externalId, MessageStatus next, CancellationToken ct, InboundError? error = null) =>
        next == MessageStatus.Failed
            ? scope.ExecuteAsync("""
                UPDATE outbound_sends SET state = 'failed', updated_at = now(),
                    last_error_code = COALESCE($3, last_error_code), last_error = COALESCE($4, last_error)
                WHERE channel_account_id = $1 AND external_message_id = $2 AND state <> 'failed'
                """, ct, scope.Route.ChannelAccountId, externalId, error?.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                error is null ? null : error.Title ?? error.Message)
            : scope.ExecuteAsync("""
                UPDATE outbound_sends SET state = 'sent', sent_at = COALESCE(sent_at, $3), updated_at = now()
                WHERE channel_account_id = $1 AND external_message_id = $2 AND state IN ('pending', 'sending')
                """, ct, scope.Route.ChannelAccountId, externalId, scope.At);
}
