using Npgsql;
using NpgsqlTypes;
using Wolverine.Runtime;

namespace Wolverine.Postgresql;

/// <summary>
/// Queue rows added to a caller's <see cref="NpgsqlBatch"/> by <see cref="IPostgresqlOutbox.Enlist"/>. Call
/// <see cref="Committed"/> once the batch's transaction committed (it only feeds message tracking; the rows and
/// the NOTIFY are already part of the caller's transaction).
/// </summary>
public sealed class OutboxEnlistment
{
    private readonly WolverineRuntime _runtime;
    private readonly IReadOnlyList<OutgoingJob> _jobs;

    internal OutboxEnlistment(WolverineRuntime runtime, IReadOnlyList<OutgoingJob> jobs) => (_runtime, _jobs) = (runtime, jobs);

    public int Count => _jobs.Count;

    public void Committed() => _runtime.RecordSent(_jobs);
}

/// <summary>
/// The enqueue SQL, in one place: a multi-row INSERT (unnest) and pg_notify, as batch commands. JobStore.InsertAsync
/// runs them alone; a caller can also send its own statements and the enqueue in one round trip. Our own extension of the shim (the real
/// package has no equivalent): the webhook ingest commits a whole group of deliveries with it.
/// </summary>
internal static class JobInsertCommands
{
    public static IEnumerable<NpgsqlBatchCommand> For(string schema, IReadOnlyList<OutgoingJob> jobs)
    {
        if (jobs.Count == 0) yield break;
        // ON CONFLICT DO UPDATE may not touch one row twice per statement: last send per key wins.
        var rows = jobs.Where(j => j.DedupKey is null)
            .Concat(jobs.Where(j => j.DedupKey is not null).GroupBy(j => j.DedupKey).Select(g => g.Last())).ToList();
        var insert = new NpgsqlBatchCommand($"""
            INSERT INTO {schema}.jobs (id, message_type, handler, body, headers, priority, run_at, max_attempts, dedup_key)
            SELECT id, t, h, b::jsonb, hd::jsonb, p, now() + d * interval '1 second', m, k
            FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9) AS x(id, t, h, b, hd, p, d, m, k)
            ON CONFLICT (dedup_key) WHERE dedup_key IS NOT NULL
            DO UPDATE SET body = excluded.body, headers = excluded.headers, priority = excluded.priority, run_at = excluded.run_at
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Id).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.MessageType).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = rows.Select(r => r.Handler).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Body).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Headers).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => (short)r.Priority).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Delay.TotalSeconds).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.MaxAttempts).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = rows.Select(r => r.DedupKey).ToArray() });
        yield return insert;
        // One NOTIFY per enqueue, however many rows: listeners fetch in batches anyway.
        var notify = new NpgsqlBatchCommand("SELECT pg_notify($1, '')");
        notify.Parameters.Add(new NpgsqlParameter { Value = PostgresqlSchema.NotifyChannel(schema) });
        yield return notify;
    }
}
