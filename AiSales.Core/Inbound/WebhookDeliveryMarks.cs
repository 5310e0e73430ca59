using Npgsql;
using NpgsqlTypes;

namespace AiSales.Core.Inbound;

/// <summary>
/// The one statement that settles a stored webhook delivery: 'processed' with its event count, or 'failed' with the
/// error while retries are still coming. Run alone by the delivery handler, or inside the last event's transaction.
/// </summary>
public static class WebhookDeliveryMarks
{
    private const string Sql = """
        UPDATE webhook_deliveries SET status = $2, processed_at = now(), event_count = COALESCE($3, event_count), error = $4 WHERE id = $1
        """;

    public static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? tx, long id, string status, int? eventCount, string? error)
    {
        var cmd = new NpgsqlCommand(Sql, connection, tx);
        foreach (var p in Parameters(id, status, eventCount, error)) cmd.Parameters.Add(p);
        return cmd;
    }

    public static NpgsqlBatchCommand BatchCommand(long id, string status, int? eventCount, string? error)
    {
        var cmd = new NpgsqlBatchCommand(Sql);
        foreach (var p in Parameters(id, status, eventCount, error)) cmd.Parameters.Add(p);
        return cmd;
    }

    private static NpgsqlParameter[] Parameters(long id, string status, int? eventCount, string? error) =>
    [
        new() { Value = id },
        new() { Value = status },
        new() { Value = (object?)eventCount ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer },
        new() { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
    ];
}
