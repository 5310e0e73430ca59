using AiSales.Core.Inbound.Routing;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence;
using Npgsql;

namespace AiSales.Core.Inbound;

/// <summary>
/// Everything one inbound event's transaction works with: the connection and transaction every step
/// writes through (so the event's rows, its dedupe claim and its follow-up jobs commit or vanish together),
/// the account it was routed to, and the event's platform time.
/// </summary>
public sealed record EventScope(
    NpgsqlConnection Connection,
    NpgsqlTransaction Transaction,
    ChannelRoute Route,
    long? DeliveryId,
    string? TraceParent,
    DateTimeOffset At,
    OutboxMessages Outbox)
{
    private NpgsqlBatch? _deferred;

    /// <summary>
    /// Writes nothing later in the event depends on (the conversation's activity, follow-up jobs, the delivery's mark),
    /// sent together in one round trip just before the commit (<see cref="FlushDeferredAsync"/>).
    /// </summary>
    public NpgsqlBatch Deferred => _deferred ??= new NpgsqlBatch(Connection, Transaction);

    public void Defer(string sql, params object?[] args) => Deferred.BatchCommands.Add(PositionalSql.Command(sql, args));

    public async Task FlushDeferredAsync(CancellationToken ct)
    {
        if (_deferred is not { BatchCommands.Count: > 0 } batch) return;
        await batch.ExecuteNonQueryAsync(ct);
        await batch.DisposeAsync();
        _deferred = null;
    }

    /// <summary>A command with positional parameters ($1, $2, ...); null becomes SQL NULL.</summary>
    public NpgsqlCommand Command(string sql, params object?[] args)
    {
        var cmd = new NpgsqlCommand(sql, Connection, Transaction);
        foreach (var arg in args) cmd.Parameters.Add(new NpgsqlParameter { Value = arg ?? DBNull.Value });
        return cmd;
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params object?[] args)
    {
        await using var cmd = Command(sql, args);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<T?> ScalarAsync<T>(string sql, CancellationToken ct, params object?[] args)
    {
        await using var cmd = Command(sql, args);
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is null or DBNull ? default : (T)value;
    }
}
