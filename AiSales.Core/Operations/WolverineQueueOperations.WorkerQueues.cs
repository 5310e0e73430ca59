using AiSales.Core.Messaging;
using Npgsql;
using Wolverine;
using Wolverine.RDBMS;

namespace AiSales.Core.Operations;

public sealed partial class WolverineQueueOperations
{
    /// <summary>
    /// What waits in each lane's durable local queue in the Workers: Wolverine's inbox rows addressed to
    /// local://worker-&lt;lane&gt;/ that are not handled yet. Wolverine's public API counts the inbox only as a whole
    /// (IMessageStoreAdmin.FetchCountsAsync) or loads every row (AllIncomingAsync), and a lane whose Workers stopped taking
    /// work must show as that lane's backlog. One statement for all lanes over the inbox table (Wolverine's own columns:
    /// status, received_at, execution_time); handled rows, kept a while to deduplicate redeliveries, are skipped.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, WorkerQueueDepth>> ReadWorkerQueuesAsync(CancellationToken ct)
    {
        if (MainDatabase() is not { } store) return new Dictionary<string, WorkerQueueDepth>();
        var lanes = options.Value.Queues.ToDictionary(q => $"local://{MessageQueues.LocalName(q)}/", q => q, StringComparer.OrdinalIgnoreCase);
        var schema = store.SchemaName;
        if (!SafeName().IsMatch(schema)) throw new InvalidOperationException($"Wolverine's schema '{schema}' is not a plain identifier.");
        await using var conn = (NpgsqlConnection)await store.DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand($"""
            SELECT {DatabaseConstants.ReceivedAt},
                   count(*) FILTER (WHERE {DatabaseConstants.Status} = '{EnvelopeStatus.Incoming}'),
                   count(*) FILTER (WHERE {DatabaseConstants.Status} = '{EnvelopeStatus.Scheduled}'),
                   extract(epoch FROM now() - min({DatabaseConstants.ExecutionTime})
                       FILTER (WHERE {DatabaseConstants.Status} = '{EnvelopeStatus.Scheduled}' AND {DatabaseConstants.ExecutionTime} <= now()))::float8
            FROM {schema}.{DatabaseConstants.IncomingTable}
            WHERE {DatabaseConstants.Status} <> '{EnvelopeStatus.Handled}' AND {DatabaseConstants.ReceivedAt} = ANY($1)
            GROUP BY 1
            """, conn) { CommandTimeout = TimeoutSeconds };
        cmd.Parameters.Add(new NpgsqlParameter { Value = lanes.Keys.ToArray() });
        var result = new Dictionary<string, WorkerQueueDepth>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            if (!lanes.TryGetValue(r.GetString(0), out var lane)) continue;
            result[lane] = new WorkerQueueDepth(r.GetInt64(1), r.GetInt64(2), r.IsDBNull(3) ? null : TimeSpan.FromSeconds(Math.Max(0, r.GetDouble(3))));
        }
        return result;
    }
}
