using Npgsql;

namespace AiSales.Core.Persistence;

/// <summary>
/// One statement's result, read by the class that wrote the statement: its SQL and how to read its rows stay together
/// and private to that class. Several classes' reads share one round trip through <see cref="BatchReads"/>, so the
/// caller never counts result sets or knows how many statements another class sent (the reply's commit locks the lead,
/// the conversation and the turn state of three classes in one batch). Used once: create a new one per batch.
/// </summary>
/// <typeparam name="T">What the rows mean to the caller (null when the row is missing, a list, …).</typeparam>
public sealed class BatchRead<T> : BatchReads.IRead
{
    private readonly Func<NpgsqlDataReader, CancellationToken, Task<T>> _read;
    private T _value = default!;
    private bool _done;

    /// <param name="command">One statement that returns rows (a SELECT, or a write with RETURNING): exactly one result set.</param>
    /// <param name="read">Reads that result set; the reader is before its first row.</param>
    public BatchRead(NpgsqlBatchCommand command, Func<NpgsqlDataReader, CancellationToken, Task<T>> read)
    {
        Command = command;
        _read = read;
    }

    NpgsqlBatchCommand BatchReads.IRead.Command => Command;
    private NpgsqlBatchCommand Command { get; }

    /// <summary>The statement's result, once its batch ran.</summary>
    /// <exception cref="InvalidOperationException">The batch has not run (yet).</exception>
    public T Value => _done ? _value : throw new InvalidOperationException("This read's batch has not run.");

    async Task BatchReads.IRead.ReadAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        _value = await _read(reader, ct);
        _done = true;
    }
}

/// <summary>
/// Reads of several classes (<see cref="BatchRead{T}"/>) sent as one <see cref="NpgsqlBatch"/>, one round trip; each
/// read is handed its own result set, in the order the reads were added.
/// </summary>
public sealed class BatchReads
{
    private readonly List<IRead> _reads = [];

    /// <returns><paramref name="read"/>, whose <see cref="BatchRead{T}.Value"/> is set by <see cref="ExecuteAsync"/>.</returns>
    public BatchRead<T> Add<T>(BatchRead<T> read)
    {
        if (_reads.Contains(read)) throw new InvalidOperationException("This read is already in the batch.");
        _reads.Add(read);
        return read;
    }

    /// <summary>One read on its own: one round trip, its value.</summary>
    public static async Task<T> ReadAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? transaction, BatchRead<T> read, CancellationToken ct)
    {
        var reads = new BatchReads();
        reads.Add(read);
        await reads.ExecuteAsync(connection, transaction, ct);
        return read.Value;
    }

    public async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        if (_reads.Count == 0) return;
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var read in _reads) batch.BatchCommands.Add(read.Command);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        // A statement without rows (an UPDATE without RETURNING) has no result set: the reader would hand the next
        // read's rows to this one. Checked here so that mistake fails loudly instead of reading someone else's rows.
        for (var i = 0; i < _reads.Count; i++)
        {
            if ((i > 0 && !await reader.NextResultAsync(ct)) || reader.FieldCount == 0)
                throw new InvalidOperationException($"Read {i + 1} of {_reads.Count} returned no result set; a batch read is one statement that returns rows.");
            await _reads[i].ReadAsync(reader, ct);
        }
    }

    /// <summary>What the batch needs of a read, whatever its result type.</summary>
    internal interface IRead
    {
        NpgsqlBatchCommand Command { get; }
        Task ReadAsync(NpgsqlDataReader reader, CancellationToken ct);
    }
}
