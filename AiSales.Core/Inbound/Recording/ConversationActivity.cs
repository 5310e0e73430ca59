namespace AiSales.Core.Inbound.Recording;

/// <summary>The conversation's activity (times, unread count, reply due); opening one is part of <see cref="MessageRecorder"/>.</summary>
public static class ConversationActivity
{
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
    /// Timestamps only move forward (GREATEST), so a late, older message does not rewind the inbox order or the 24-hour
    /// window's start. Deferred to the event's last round trip (<see cref="EventScope.Deferred"/>): nothing later in the
    /// event reads it.
    /// </summary>
    public static void Record(EventScope scope, Guid conversationId, DateTimeOffset at, bool fromCustomer, int? replyInSeconds) =>
        scope.Defer(ActivitySql, conversationId, at, fromCustomer, replyInSeconds is not null, (double)(replyInSeconds ?? 0));
}
