using Npgsql;
using NpgsqlTypes;

namespace Wolverine.Postgresql;

/// <summary>All SQL the queue runs. Every statement is bounded (LIMIT / id lists) and indexed.</summary>
internal sealed class JobStore(NpgsqlDataSource dataSource, string schema)
{
    public NpgsqlDataSource DataSource { get; } = dataSource;
    public string Schema { get; } = schema;
    private string Jobs => $"{Schema}.jobs";

    public async Task EnsureSchemaAsync(CancellationToken ct)
    {
        await using var conn = await DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await Exec(conn, tx, "SELECT pg_advisory_xact_lock(@k)", ct, ("k", PostgresqlSchema.MigrationLockId));
        await Exec(conn, tx, PostgresqlSchema.CreateSql(Schema), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// One multi-row INSERT (unnest) plus pg_notify in the caller's transaction: Postgres only
    /// delivers the notification if that transaction commits.
    /// </summary>
    public async Task InsertAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, IReadOnlyList<OutgoingJob> jobs, CancellationToken ct)
    {
        if (jobs.Count == 0) return;
        await using var batch = new NpgsqlBatch(conn, tx);
        foreach (var command in JobInsertCommands.For(Schema, jobs)) batch.BatchCommands.Add(command);
        await batch.ExecuteNonQueryAsync(ct);
    }

    public async Task InsertAsync(IReadOnlyList<OutgoingJob> jobs, CancellationToken ct)
    {
        await using var conn = await DataSource.OpenConnectionAsync(ct);
        await InsertAsync(conn, null, jobs, ct);
    }

    /// <summary>
    /// River/Oban-style fetch: lock ready rows with SKIP LOCKED and lease them in one statement.
    /// <para>
    /// The scan must walk <c>jobs_ready_idx</c> in order. Every fetched job leaves a dead entry in that index (its status
    /// moved on), and only a plain index scan marks the entries it passes as dead for the next scan to skip; a bitmap or
    /// sequential scan cannot, so with one the dead rows pile up until the next vacuum and every fetch re-reads them all
    /// (at 200 msg/s ~7,000 index entries and 150 heap pages a fetch, a tenth of Postgres' CPU; docs/BENCHMARKS.md). The
    /// planner picks those scans whenever it expects few ready rows (its statistics count live rows only), so both are
    /// switched off for this one statement: <c>set_config(..., true)</c> lasts until the batch's implicit transaction
    /// ends, never on the pooled session (FetchScanTests).
    /// </para>
    /// </summary>
    public async Task<List<LeasedJob>> FetchAsync(string[] types, int count, Guid node, TimeSpan lease, CancellationToken ct)
    {
        await using var conn = await DataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(conn);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true)"));
        var cmd = new NpgsqlBatchCommand($"""
            WITH ready AS (
                SELECT id FROM {Jobs}
                WHERE status = 'waiting' AND run_at <= now() AND message_type = ANY($1)
                ORDER BY priority DESC, run_at, id
                LIMIT $2
                FOR UPDATE SKIP LOCKED)
            UPDATE {Jobs} j
            SET status = 'running', owner_node = $3, lease_expires_at = now() + $4, attempts = j.attempts + 1, dedup_key = NULL
            FROM ready WHERE j.id = ready.id
            RETURNING j.id, j.message_type, j.handler, j.body::text, j.headers::text, j.priority, j.run_at, j.attempts, j.max_attempts, j.lease_expiries
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = types });
        cmd.Parameters.Add(new NpgsqlParameter { Value = count });
        cmd.Parameters.Add(new NpgsqlParameter { Value = node });
        cmd.Parameters.Add(new NpgsqlParameter { Value = lease });
        batch.BatchCommands.Add(cmd);
        var jobs = new List<LeasedJob>(count);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct); // past set_config's row
        while (await reader.ReadAsync(ct))
            jobs.Add(new LeasedJob(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetInt16(5), reader.GetDateTime(6), reader.GetInt32(7), reader.GetInt32(8),
                reader.GetInt32(9)));
        // UPDATE ... RETURNING has no order; hand them to workers in queue order.
        return [.. jobs.OrderByDescending(j => j.Priority).ThenBy(j => j.RunAt).ThenBy(j => j.Id)];
    }

    /// <summary>Batched completion. The owner check keeps a node whose lease lapsed from deleting a job another node re-leased.</summary>
    public async Task<int> CompleteAsync(Guid[] ids, Guid node, CancellationToken ct)
    {
        await using var conn = await DataSource.OpenConnectionAsync(ct);
        return await Exec(conn, null, $"DELETE FROM {Jobs} WHERE id = ANY(@ids) AND owner_node = @node AND status = 'running'", ct, ("ids", ids), ("node", node));
    }

    /// <summary>Cascaded messages and the completion commit together, so a crash cannot lose or duplicate the cascade.</summary>
    public async Task<bool> CompleteWithCascadesAsync(Guid id, Guid node, IReadOnlyList<OutgoingJob> cascades, CancellationToken ct)
    {
        await using var conn = await DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var deleted = await Exec(conn, tx, $"DELETE FROM {Jobs} WHERE id = @id AND owner_node = @node AND status = 'running'", ct, ("id", id), ("node", node));
        if (deleted == 0)
        {
            await tx.RollbackAsync(ct);
            return false; // lease lost: another node owns the redelivery, which will cascade instead
        }
        await InsertAsync(conn, tx, cascades, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task RescheduleAsync(Guid id, Guid node, TimeSpan delay, int attempts, Exception ex, CancellationToken ct)
    {
        await using var conn = await DataSource.OpenConnectionAsync(ct);
        await Exec(conn, null, $"""
            UPDATE {Jobs} SET status = 'waiting', owner_node = NULL, lease_expires_at = NULL, run_at = now() + @delay,
                attempts = @attempts, last_error = @error, last_error_at = now()
            WHERE id = @id AND owner_node = @node AND status = 'running'
            """, ct, ("id", id), ("node", node), ("delay", delay), ("attempts", attempts), ("error", Truncate($"{ex.GetType().FullName}: {ex.Message}", 4000)));
    }

    public async Task MoveToDeadLettersAsync(Guid id, Guid node, int attempts, Exception ex, CancellationToken ct)
    {
        await using var conn = await DataSource.OpenConnectionAsync(ct);
        await Exec(conn, null, $"""
            WITH moved AS (DELETE FROM {Jobs} WHERE id = @id AND owner_node = @node AND status = 'running' RETURNING *)
            INSERT INTO {Schema}.dead_letters (id, original_id, message_type, handler, body, headers, priority, max_attempts,
                exception_type, exception_message, stack_trace, attempts)
            SELECT @dlid, id, message_type, handler, body, headers, priority, max_attempts, @type, @message, @stack, @attempts FROM moved
            """, ct, ("id", id), ("node", node), ("dlid", Guid.CreateVersion7()), ("type", ex.GetType().FullName ?? ex.GetType().Name),
            ("message", ex.Message), ("stack", (object?)Truncate(ex.ToString(), 4000) ?? DBNull.Value), ("attempts", attempts));
    }

    public async Task DiscardAsync(Guid id, Guid node, CancellationToken ct)
    {
        await using var conn = await DataSource.OpenConnectionAsync(ct);
        await Exec(conn, null, $"DELETE FROM {Jobs} WHERE id = @id AND owner_node = @node", ct, ("id", id), ("node", node));
    }

    /// <summary>Returns jobs fetched but never started (shutdown) without charging an attempt.</summary>
    public async Task ReleaseAsync(Guid[] ids, Guid node, CancellationToken ct)
    {
        if (ids.Length == 0) return;
        await using var conn = await DataSource.OpenConnectionAsync(ct);
        await Exec(conn, null, $"""
            UPDATE {Jobs} SET status = 'waiting', owner_node = NULL, lease_expires_at = NULL, attempts = greatest(attempts - 1, 0)
            WHERE id = ANY(@ids) AND owner_node = @node AND status = 'running'
            """, ct, ("ids", ids), ("node", node));
    }

    public async Task HeartbeatAsync(Guid node, string description, TimeSpan lease, CancellationToken ct)
    {
        await using var conn = await DataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(conn);
        batch.BatchCommands.Add(Command($"""
            INSERT INTO {Schema}.nodes (id, description) VALUES (@node, @d)
            ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()
            """, ("node", node), ("d", description)));
        batch.BatchCommands.Add(Command($"UPDATE {Jobs} SET lease_expires_at = now() + @lease WHERE owner_node = @node AND status = 'running'",
            ("node", node), ("lease", lease)));
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Jobs whose lease lapsed (their node died or stalled) go back to waiting, bounded per sweep. The lease's attempt is
    /// refunded (the handler did not fail) and the expiry counted instead (DurabilitySettings.MaximumLeaseExpiries).
    /// </summary>
    public async Task<int> RecoverExpiredLeasesAsync(int limit, CancellationToken ct)
    {
        await using var conn = await DataSource.OpenConnectionAsync(ct);
        return await Exec(conn, null, $"""
            WITH expired AS (
                SELECT id FROM {Jobs} WHERE status = 'running' AND lease_expires_at < now()
                ORDER BY lease_expires_at LIMIT @n FOR UPDATE SKIP LOCKED)
            UPDATE {Jobs} j SET status = 'waiting', owner_node = NULL, lease_expires_at = NULL,
                attempts = greatest(j.attempts - 1, 0), lease_expiries = j.lease_expiries + 1
            FROM expired WHERE j.id = expired.id
            """, ct, ("n", limit));
    }

    /// <summary>Solo mode: this node is the only consumer, so anything "running" is an orphan.</summary>
    public async Task<int> RecoverAllRunningAsync(CancellationToken ct)
    {
        await using var conn = await DataSource.OpenConnectionAsync(ct);
        return await Exec(conn, null, $"""
            UPDATE {Jobs} SET status = 'waiting', owner_node = NULL, lease_expires_at = NULL,
                attempts = greatest(attempts - 1, 0), lease_expiries = lease_expiries + 1
            WHERE status = 'running'
            """, ct);
    }

    public async Task RemoveNodeAsync(Guid node, CancellationToken ct)
    {
        await using var conn = await DataSource.OpenConnectionAsync(ct);
        await Exec(conn, null, $"DELETE FROM {Schema}.nodes WHERE id = @node", ct, ("node", node));
    }

    /// <summary>Bounded deletes of old dead letters and silent nodes (each its own short statement).</summary>
    public async Task<int> CleanupAsync(TimeSpan deadLetterRetention, int batchSize, CancellationToken ct)
    {
        await using var conn = await DataSource.OpenConnectionAsync(ct);
        var deleted = await Exec(conn, null, $"""
            DELETE FROM {Schema}.dead_letters WHERE id IN (
                SELECT id FROM {Schema}.dead_letters WHERE failed_at < now() - @retention ORDER BY failed_at LIMIT @n)
            """, ct, ("retention", deadLetterRetention), ("n", batchSize));
        await Exec(conn, null, $"DELETE FROM {Schema}.nodes WHERE heartbeat_at < now() - interval '1 hour'", ct);
        return deleted;
    }

    internal static NpgsqlBatchCommand Command(string sql, params (string Name, object? Value)[] args)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    internal static async Task<int> Exec(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, CancellationToken ct, params (string Name, object? Value)[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
