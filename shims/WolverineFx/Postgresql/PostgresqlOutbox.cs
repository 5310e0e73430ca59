using Npgsql;
using Wolverine.Runtime;

namespace Wolverine.Postgresql;

/// <summary>
/// Transactional outbox for code that owns a transaction (e.g. the webhook ingest): the rows and the
/// NOTIFY become visible only if the caller commits; a rollback leaves no trace.
/// </summary>
public interface IPostgresqlOutbox
{
    Task EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<object> messages,
        DeliveryOptions? options = null, CancellationToken ct = default);
}

internal sealed class PostgresqlOutbox(WolverineRuntime runtime) : IPostgresqlOutbox
{
    public async Task EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<object> messages,
        DeliveryOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        var jobs = runtime.CreateJobs(messages, options, parent: null, requireSingleHandler: false);
        await runtime.Store.InsertAsync(connection, transaction, jobs, ct);
        runtime.RecordSent(jobs);
    }
}
