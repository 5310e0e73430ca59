
namespace AiSales.Core.Conversations;

/// <summary>
/// Who answers a conversation. A human writing from the Page inbox / IG app takes it over at once (the
/// AI must not talk over them); it returns to the AI only after the merchant's quiet period passes with
/// no further human message. Each change leaves a lead_activities row so the dashboard can explain it.
/// </summary>
public static class OwnershipRules
{
    /// <summary>
    /// The assistant handed the conversation (alias c) to a person and no person has written since. It keeps answering
    /// until someone does. A send whose outcome is unknown also raises needs_attention; that is not a hand-off.
    /// </summary>
    public const string AwaitingPersonSql = """
        (c.owner = 'human' AND c.needs_attention AND c.attention_reason IS DISTINCT FROM 'send_outcome_unknown'
            AND (c.last_human_message_at IS NULL OR c.last_human_message_at < c.owner_changed_at))
        """;

    /// <summary>
    /// A human sent message $3 at $2 in conversation $1: the conversation is theirs. Run in the inbound event's own
    /// transaction, so the take-over commits with the message that caused it.
    /// </summary>
    public const string TakeOverSql = """
        WITH c AS (
            UPDATE conversations SET
                owner_changed_at = CASE WHEN owner = 'ai' THEN now() ELSE owner_changed_at END,
                owner = 'human',
                last_human_message_at = GREATEST(last_human_message_at, $2),
                last_message_at = GREATEST(last_message_at, $2),
                unread_count = 0,
                reply_due_at = NULL,
                updated_at = now()
            WHERE id = $1
            RETURNING merchant_id, contact_id, owner_changed_at = now() AS changed)
        INSERT INTO lead_activities (merchant_id, contact_id, kind, from_value, to_value, reasons, message_id, actor)
        SELECT merchant_id, contact_id, 'owner_changed', 'ai', 'human', '["human replied from the inbox"]'::jsonb, $3, 'system'
        FROM c WHERE changed
        """;

    private const string HandBackSql = """
        WITH c AS (
            UPDATE conversations SET owner = 'ai', owner_changed_at = now(), updated_at = now()
            WHERE id = $1 AND owner = 'human' AND (last_human_message_at IS NULL OR last_human_message_at <= $2)
            RETURNING merchant_id, contact_id)
        INSERT INTO lead_activities (merchant_id, contact_id, kind, from_value, to_value, reasons, actor)
        SELECT merchant_id, contact_id, 'owner_changed', 'human', 'ai', '["human quiet period ended"]'::jsonb, 'system' FROM c
        RETURNING id
        """;

    /// <returns>True when the conversation went back to the AI; false if a human spoke since (or it is not theirs).</returns>
    public static async Task<bool> HandBackAsync(Npgsql.NpgsqlDataSource dataSource, Guid conversationId, DateTimeOffset humanMessageAt, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(HandBackSql);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = conversationId });
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = humanMessageAt.ToUniversalTime() });
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }
}
