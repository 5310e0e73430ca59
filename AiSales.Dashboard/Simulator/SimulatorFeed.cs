using Npgsql;

namespace AiSales.Dashboard.Simulator;

public sealed record SimulatorThreadMessage(
    Guid Id, string Direction, string Author, string Kind, string? Text, string Status, string? StatusDetail,
    string? ExternalId, DateTimeOffset At);

/// <summary>The simulated customer's conversation as stored; empty (no contact yet) until the worker has processed the first message.</summary>
public sealed record SimulatorThread(Guid? ContactId, Guid? ConversationId, string? Owner, IReadOnlyList<SimulatorThreadMessage> Messages);

/// <summary>
/// Reads back what happened to a simulated customer's messages (stored inbound rows, AI/human replies and their
/// send status) so the simulator can show replies as they appear. Polled: pass the last id seen to get only newer rows.
/// </summary>
public sealed class SimulatorFeed(NpgsqlDataSource dataSource)
{
    public const int MaxMessages = 500;

    public async Task<SimulatorThread> GetThreadAsync(Guid merchantId, string customerId, Guid? sinceMessageId = null, CancellationToken ct = default)
    {
        // The customer id is unique per channel account; a merchant with several accounts takes the most recent contact.
        Guid contactId;
        Guid? conversationId = null;
        string? owner = null;
        await using (var find = dataSource.CreateCommand("""
            SELECT c.id, v.id, v.owner FROM contacts c
            LEFT JOIN LATERAL (SELECT id, owner FROM conversations WHERE contact_id = c.id
                               ORDER BY (status = 'open') DESC, created_at DESC LIMIT 1) v ON true
            WHERE c.merchant_id = $1 AND c.external_id = $2
            ORDER BY c.updated_at DESC LIMIT 1
            """))
        {
            find.Parameters.Add(new() { Value = merchantId });
            find.Parameters.Add(new() { Value = customerId });
            await using var reader = await find.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
                return new SimulatorThread(null, null, null, []);
            contactId = reader.GetGuid(0);
            if (!reader.IsDBNull(1)) conversationId = reader.GetGuid(1);
            if (!reader.IsDBNull(2)) owner = reader.GetString(2);
        }

        // Every conversation of the contact (a closed one may precede the open one), in platform order; ties by
        // insert time then id so a poll never reorders rows it already showed. The whole thread is its newest
        // MaxMessages (read newest first, shown oldest first); a poll takes what follows the last row it has.
        await using var cmd = dataSource.CreateCommand(sinceMessageId is null ? NewestSql : AfterSql);
        cmd.Parameters.Add(new() { Value = merchantId });
        cmd.Parameters.Add(new() { Value = contactId });
        cmd.Parameters.Add(new() { Value = MaxMessages });
        if (sinceMessageId is { } since) cmd.Parameters.Add(new() { Value = since });
        var messages = new List<SimulatorThreadMessage>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                messages.Add(new SimulatorThreadMessage(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8)));
        }
        if (sinceMessageId is null) messages.Reverse();
        return new SimulatorThread(contactId, conversationId, owner, messages);
    }

    private const string ThreadSql = """
        WITH thread AS (
            SELECT m.id, m.direction, m.author, m.kind, m.text, m.status, m.status_detail, m.external_id,
                   COALESCE(m.external_timestamp, m.created_at) AS at, m.created_at
            FROM messages m JOIN conversations v ON v.id = m.conversation_id
            WHERE v.contact_id = $2 AND m.merchant_id = $1
        )
        SELECT id, direction, author, kind, text, status, status_detail, external_id, at FROM thread t
        """;

    private const string NewestSql = ThreadSql + """

        ORDER BY at DESC, created_at DESC, id DESC
        LIMIT $3
        """;

    private const string AfterSql = ThreadSql + """

        WHERE (t.at, t.created_at, t.id) > (SELECT at, created_at, id FROM thread WHERE id = $4)
        ORDER BY at, created_at, id
        LIMIT $3
        """;
}
