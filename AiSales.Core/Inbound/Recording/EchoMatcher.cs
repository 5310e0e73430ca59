namespace AiSales.Core.Inbound.Recording;

/// <summary>
/// Recognises echoes of our own sends: the sender puts the ledger's idempotency key in the send's
/// <c>metadata</c>, and the ledger learns the provider's message id after the call. A match moves that
/// message to sent (if it was not already further along) and needs nothing else.
/// </summary>
public static class EchoMatcher
{
    private const string Sql = """
        WITH send AS (
            UPDATE outbound_sends SET
                external_message_id = COALESCE(external_message_id, $3),
                state = CASE WHEN state IN ('pending', 'sending') THEN 'sent' ELSE state END,
                sent_at = COALESCE(sent_at, $4),
                updated_at = now()
            WHERE channel_account_id = $1 AND (idempotency_key = $2 OR external_message_id = $3)
            RETURNING message_id)
        UPDATE messages m SET
            status = CASE WHEN m.status IN ('pending', 'queued', 'sending') THEN 'sent' ELSE m.status END,
            external_id = COALESCE(m.external_id, $3),
            external_timestamp = COALESCE(m.external_timestamp, $4)
        FROM send WHERE m.id = send.message_id
        RETURNING m.id
        """;

    /// <returns>The matched outbound message, or null when we did not send this.</returns>
    public static async Task<Guid?> MatchAsync(EventScope scope, string? metadata, string? mid, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(metadata) && string.IsNullOrEmpty(mid)) return null;
        return await scope.ScalarAsync<Guid?>(Sql, ct, scope.Route.ChannelAccountId, metadata ?? "", mid ?? "", scope.At);
    }
}
