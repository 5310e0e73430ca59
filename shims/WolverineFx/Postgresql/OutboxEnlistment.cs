using Npgsql;
using NpgsqlTypes;
using Wolverine.Runtime;

namespace Wolverine.Postgresql;

/// <summary>
/// Queue rows added to a caller's transaction by <see cref="IPostgresqlOutbox"/>. Call <see cref="Committed"/> once
/// that transaction committed: it feeds message tracking, and it releases the jobs this node claimed to run itself
/// right after the current handler (<see cref="LocalContinuations"/>; without the call they go back to the queue after
/// the handler, a little later but never lost). The rows and the NOTIFY are already part of the caller's transaction.
/// </summary>
public sealed class OutboxEnlistment
{
    private readonly WolverineRuntime _runtime;
    private readonly IReadOnlyList<OutgoingJob> _jobs;
    private readonly LocalContinuations? _scope;
    private readonly IReadOnlyList<OutgoingJob> _claimed;
    private bool _recorded;

    internal OutboxEnlistment(WolverineRuntime runtime, IReadOnlyList<OutgoingJob> jobs, LocalContinuations? scope, IReadOnlyList<OutgoingJob> claimed) =>
        (_runtime, _jobs, _scope, _claimed) = (runtime, jobs, scope, claimed);

    public int Count => _jobs.Count;

    /// <summary>How many of the jobs this node will run itself after the current handler.</summary>
    public int ClaimedLocally => _claimed.Count;

    public void Committed()
    {
        RecordSent();
        if (_claimed.Count > 0) _scope?.MarkCommitted(_claimed);
    }

    /// <summary>Feeds message tracking once (EnqueueAsync records at enqueue time, as it always did).</summary>
    internal void RecordSent()
    {
        if (_recorded) return;
        _recorded = true;
        _runtime.RecordSent(_jobs);
    }

    /// <summary>
    /// Splits <paramref name="jobs"/> into rows this node claims (when a handler of this node is enqueueing) and rows any
    /// node fetches, and builds the statements for both.
    /// </summary>
    internal static (OutboxEnlistment Enlistment, List<NpgsqlBatchCommand> Commands) Prepare(WolverineRuntime runtime, IReadOnlyList<OutgoingJob> jobs)
    {
        var scope = LocalContinuations.Current;
        var claimed = scope?.TryClaim(jobs, runtime.Handlers) ?? [];
        var waiting = claimed.Count == 0 ? jobs : jobs.Except(claimed).ToList();
        var commands = JobInsertCommands.For(runtime.Store.Schema, waiting).ToList();
        if (claimed.Count > 0)
            commands.Add(JobInsertCommands.Claimed(runtime.Store.Schema, claimed, runtime.NodeId, runtime.Options.Durability.LeaseDuration));
        return (new OutboxEnlistment(runtime, jobs, scope, claimed), commands);
    }
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
        // ON CONFLICT DO UPDATE may not touch one row twice per statement: last send per key wins. Most enqueues (the
        // webhook ingest's) carry no key and skip the grouping.
        var rows = !jobs.Any(j => j.DedupKey is not null) ? jobs : jobs.Where(j => j.DedupKey is null)
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

    /// <summary>
    /// Rows this node runs itself (<see cref="LocalContinuations"/>): inserted running, leased to <paramref name="node"/>,
    /// attempt 1, no NOTIFY (nobody else should look). A waiting job with the same deduplication key is superseded by the
    /// new one, as an ordinary enqueue would replace it; running rows never hold a key.
    /// </summary>
    public static NpgsqlBatchCommand Claimed(string schema, IReadOnlyList<OutgoingJob> jobs, Guid node, TimeSpan lease)
    {
        var keys = jobs.Select(r => r.DedupKey).OfType<string>().ToArray();
        // "dedup_key IS NOT NULL" spelled out: with the keys as a parameter the planner cannot prove the partial unique
        // index's predicate from "= ANY($9)" alone and scanned the whole table (0.5 ms a call with a backlog).
        var supersede = keys.Length == 0 ? ""
            : $"WITH superseded AS (DELETE FROM {schema}.jobs WHERE dedup_key = ANY($9) AND dedup_key IS NOT NULL AND status = 'waiting')\n";
        var insert = new NpgsqlBatchCommand($"""
            {supersede}INSERT INTO {schema}.jobs (id, message_type, handler, body, headers, priority, run_at, max_attempts,
                status, owner_node, lease_expires_at, attempts)
            SELECT id, t, NULL, b::jsonb, hd::jsonb, p, now(), m, 'running', $7, now() + $8, 1
            FROM unnest($1, $2, $3, $4, $5, $6) AS x(id, t, b, hd, p, m)
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = jobs.Select(r => r.Id).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = jobs.Select(r => r.MessageType).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = jobs.Select(r => r.Body).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = jobs.Select(r => r.Headers).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = jobs.Select(r => (short)r.Priority).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = jobs.Select(r => r.MaxAttempts).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = node });
        insert.Parameters.Add(new NpgsqlParameter { Value = lease });
        if (keys.Length > 0) insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = keys });
        return insert;
    }
}
