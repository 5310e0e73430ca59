using Npgsql;

namespace Wolverine.Postgresql;

public sealed record DeadLetter(
    Guid Id, Guid OriginalId, string MessageType, string Body, string ExceptionType, string ExceptionMessage,
    string? StackTrace, int Attempts, DateTimeOffset FailedAt, bool Replayable);

/// <summary>Inspect and replay the dead-letter table.</summary>
public interface IDeadLetters
{
    Task<IReadOnlyList<DeadLetter>> ListAsync(string? messageType = null, int limit = 100, CancellationToken ct = default);

    /// <summary>Moves the message back to the queue with a fresh attempt count. False if not found.</summary>
    Task<bool> RetryAsync(Guid id, CancellationToken ct = default);

    Task<int> RetryAllAsync(string? messageType = null, CancellationToken ct = default);

    Task<bool> DiscardAsync(Guid id, CancellationToken ct = default);
}

internal sealed class DeadLetters(JobStore store) : IDeadLetters
{
    private string Dead => $"{store.Schema}.dead_letters";

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(string? messageType = null, int limit = 100, CancellationToken ct = default)
    {
        await using var conn = await store.DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand($"""
            SELECT id, original_id, message_type, body::text, exception_type, exception_message, stack_trace, attempts, failed_at, replayable
            FROM {Dead} WHERE (@type::text IS NULL OR message_type = @type) ORDER BY failed_at DESC LIMIT @n
            """, conn);
        cmd.Parameters.AddWithValue("type", (object?)messageType ?? DBNull.Value);
        cmd.Parameters.AddWithValue("n", limit);
        var list = new List<DeadLetter>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new DeadLetter(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
                r.IsDBNull(6) ? null : r.GetString(6), r.GetInt32(7), r.GetFieldValue<DateTimeOffset>(8), r.GetBoolean(9)));
        return list;
    }

    public async Task<bool> RetryAsync(Guid id, CancellationToken ct = default) => await MoveBackAsync("id = @id", ("id", id), ct) > 0;

    public Task<int> RetryAllAsync(string? messageType = null, CancellationToken ct = default) =>
        MoveBackAsync("(@type::text IS NULL OR message_type = @type)", ("type", messageType), ct);

    public async Task<bool> DiscardAsync(Guid id, CancellationToken ct = default)
    {
        await using var conn = await store.DataSource.OpenConnectionAsync(ct);
        return await JobStore.Exec(conn, null, $"DELETE FROM {Dead} WHERE id = @id", ct, ("id", id)) > 0;
    }

    /// <summary>Delete from dead letters and insert into jobs in one statement; new ids so a replay never collides.</summary>
    private async Task<int> MoveBackAsync(string filter, (string, object?) arg, CancellationToken ct)
    {
        await using var conn = await store.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var moved = await JobStore.Exec(conn, tx, $"""
            WITH d AS (DELETE FROM {Dead} WHERE replayable AND {filter} RETURNING *)
            INSERT INTO {store.Schema}.jobs (id, message_type, handler, body, headers, priority, max_attempts)
            SELECT gen_random_uuid(), message_type, handler, body, headers, priority, max_attempts FROM d
            """, ct, arg);
        await JobStore.Exec(conn, tx, "SELECT pg_notify(@ch, '')", ct, ("ch", PostgresqlSchema.NotifyChannel(store.Schema)));
        await tx.CommitAsync(ct);
        return moved;
    }
}
