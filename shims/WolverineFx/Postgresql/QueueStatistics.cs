using Npgsql;

namespace Wolverine.Postgresql;

/// <summary>Counts per message type for the ops endpoints.</summary>
public sealed record MessageTypeQueueStats(string MessageType, long Waiting, long Scheduled, long Running, long Dead, TimeSpan? OldestWaitingAge);

public interface IQueueStatistics
{
    Task<IReadOnlyList<MessageTypeQueueStats>> GetAsync(CancellationToken ct = default);
}

internal sealed class QueueStatistics(JobStore store) : IQueueStatistics
{
    public async Task<IReadOnlyList<MessageTypeQueueStats>> GetAsync(CancellationToken ct = default)
    {
        await using var conn = await store.DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand($"""
            WITH j AS (
                SELECT message_type,
                       count(*) FILTER (WHERE status = 'waiting' AND run_at <= now()) AS waiting,
                       count(*) FILTER (WHERE status = 'waiting' AND run_at > now()) AS scheduled,
                       count(*) FILTER (WHERE status = 'running') AS running,
                       min(run_at) FILTER (WHERE status = 'waiting' AND run_at <= now()) AS oldest
                FROM {store.Schema}.jobs GROUP BY message_type),
            d AS (SELECT message_type, count(*) AS dead FROM {store.Schema}.dead_letters GROUP BY message_type)
            SELECT coalesce(j.message_type, d.message_type), coalesce(waiting, 0), coalesce(scheduled, 0), coalesce(running, 0),
                   coalesce(dead, 0), extract(epoch FROM now() - oldest)::float8
            FROM j FULL JOIN d ON d.message_type = j.message_type
            ORDER BY 1
            """, conn);
        var stats = new List<MessageTypeQueueStats>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            stats.Add(new MessageTypeQueueStats(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.IsDBNull(5) ? null : TimeSpan.FromSeconds(reader.GetDouble(5))));
        return stats;
    }

    public async Task<long> CountWaitingAsync(CancellationToken ct)
    {
        await using var conn = await store.DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM {store.Schema}.jobs WHERE status = 'waiting'", conn);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
