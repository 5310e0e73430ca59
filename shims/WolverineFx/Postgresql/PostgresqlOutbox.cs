using Npgsql;
using Wolverine.Runtime;

namespace Wolverine.Postgresql;

/// <summary>
/// Transactional outbox for code that owns a transaction (e.g. the webhook ingest): the rows and the
/// NOTIFY become visible only if the caller commits; a rollback leaves no trace.
/// </summary>
public interface IPostgresqlOutbox
{
    /// <summary>
    /// Writes the queue rows in the caller's transaction. Call <see cref="OutboxEnlistment.Committed"/> on the result after
    /// the commit: inside a handler, a job due now may be claimed to run on this node right after that handler.
    /// </summary>
    Task<OutboxEnlistment> EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<object> messages,
        DeliveryOptions? options = null, CancellationToken ct = default);

    /// <summary>
    /// Adds the enqueue of <paramref name="messages"/> to a batch the caller executes, so the caller's own statements
    /// and the queue rows go in one round trip. They commit together when the batch runs in one transaction: an
    /// explicit one, or the implicit one Npgsql gives a batch without error barriers. Nothing is sent here.
    /// </summary>
    OutboxEnlistment Enlist(NpgsqlBatch batch, IReadOnlyList<object> messages, DeliveryOptions? options = null);
}

internal sealed class PostgresqlOutbox(WolverineRuntime runtime) : IPostgresqlOutbox
{
    public async Task<OutboxEnlistment> EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<object> messages,
        DeliveryOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        var jobs = runtime.CreateJobs(messages, options, parent: null, requireSingleHandler: false);
        var (enlistment, commands) = OutboxEnlistment.Prepare(runtime, jobs);
        if (commands.Count > 0)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var command in commands) batch.BatchCommands.Add(command);
            await batch.ExecuteNonQueryAsync(ct);
        }
        enlistment.RecordSent();
        return enlistment;
    }

    public OutboxEnlistment Enlist(NpgsqlBatch batch, IReadOnlyList<object> messages, DeliveryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var jobs = runtime.CreateJobs(messages, options, parent: null, requireSingleHandler: false);
        var (enlistment, commands) = OutboxEnlistment.Prepare(runtime, jobs);
        foreach (var command in commands) batch.BatchCommands.Add(command);
        return enlistment;
    }
}
