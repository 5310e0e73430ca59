using System.Text;
using System.Text.RegularExpressions;
using JasperFx.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Weasel.Postgresql;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Postgresql.Transport;
using Wolverine.RDBMS;
using Wolverine.Runtime;

namespace AiSales.Core.Operations;

/// <summary>
/// One lane: its PostgreSQL transport queue (ready messages, messages scheduled for later, age of the oldest ready one)
/// and its durable local queue in the Workers (<see cref="InWorkers"/>).
/// </summary>
public sealed record QueueDepth(string Queue, long Waiting, long Scheduled, TimeSpan? OldestWaitingAge, WorkerQueueDepth InWorkers);

/// <summary>
/// A lane's durable local queue in the Workers (local://worker-&lt;lane&gt;/: a Worker's own follow-ups, such as a
/// delivery's GenerateReply): Wolverine's inbox rows addressed to it. <see cref="Held"/>: not handled yet (running, waiting
/// in a Worker's memory, or waiting for a retry); <see cref="Scheduled"/>: due later (the reply debounce, hand-backs);
/// <see cref="OldestOverdue"/>: how long past its time the most overdue scheduled one is, which grows when the Workers'
/// scheduled-message poll does not keep up or does not run.
/// </summary>
public sealed record WorkerQueueDepth(long Held, long Scheduled, TimeSpan? OldestOverdue)
{
    public static readonly WorkerQueueDepth None = new(0, 0, null);
}

/// <summary>Per message type across the reported queues, plus its dead letters.</summary>
public sealed record MessageTypeDepth(string MessageType, long Waiting, long Scheduled, long Dead, TimeSpan? OldestWaitingAge);

/// <summary>
/// Wolverine's message store (<c>IMessageStoreAdmin.FetchCountsAsync</c>): <see cref="Running"/> is the inbox
/// (messages a node took from a queue and has not finished: being handled or waiting for a retry),
/// <see cref="Scheduled"/> the inbox's own scheduled messages (delayed retries, local schedules),
/// <see cref="Outgoing"/> the outbox not yet delivered to a queue.
/// </summary>
public sealed record StoreCounts(long Running, long Scheduled, long Outgoing, long Dead, long Handled);

public sealed record QueueStatsRead(IReadOnlyList<QueueDepth> Queues, IReadOnlyList<MessageTypeDepth> Types, StoreCounts Store);

/// <summary>A Wolverine node (row of wolverine_nodes). <see cref="IsSelf"/>: the process answering.</summary>
public sealed record QueueNode(Guid Id, int Number, string Description, DateTimeOffset StartedAt, DateTimeOffset HeartbeatAt,
    bool IsSelf, int ActiveAgents);

public sealed record DeadLetter(Guid Id, string MessageType, string ExceptionType, string ExceptionMessage, int Attempts,
    DateTimeOffset FailedAt, bool ReplayPending, int ReplayCount, string? ReceivedAt, string Body);

public sealed record DeadLetterPage(IReadOnlyList<DeadLetter> Items, int TotalCount);

/// <summary>Reads the queue statistics; an interface so the snapshot's caching can be observed in tests.</summary>
public interface IQueueStatsReader
{
    Task<QueueStatsRead> ReadAsync(CancellationToken ct = default);
}

/// <summary>
/// The operator's view of Wolverine: the one place the ops code touches Wolverine's storage. Everything goes through
/// Wolverine's public API (message store counts, dead letters, node persistence) except the two reads of what waits in
/// each lane, <see cref="ReadQueuesAsync"/> and <see cref="ReadWorkerQueuesAsync"/>, the only SQL here (see there why).
/// </summary>
public sealed partial class WolverineQueueOperations(IWolverineRuntime runtime, IOptions<QueueHealthOptions> options,
    ILogger<WolverineQueueOperations> logger) : IQueueStatsReader
{
    private const int TimeoutSeconds = 10;

    private IMessageStore Store => runtime.Storage;

    public async Task<QueueStatsRead> ReadAsync(CancellationToken ct = default)
    {
        var queues = await ReadQueuesAsync(ct);
        var local = await ReadWorkerQueuesAsync(ct);
        var counts = await Store.Admin.FetchCountsAsync().WaitAsync(ct);
        // Not archived, grouped by Wolverine (received_at, message_type, exception_type); summed per type here.
        var dead = (await Store.DeadLetters.SummarizeAllAsync(runtime.Options.ServiceName, TimeRange.AllTime(), ct))
            .GroupBy(d => d.MessageType).ToDictionary(g => g.Key, g => (long)g.Sum(d => d.Count));

        var types = queues.SelectMany(q => q.Types).GroupBy(t => t.MessageType)
            .Select(g => (Type: g.Key, Waiting: g.Sum(t => t.Waiting), Scheduled: g.Sum(t => t.Scheduled), Oldest: g.Max(t => t.OldestWaitingAge)))
            .ToDictionary(t => t.Type);
        var allTypes = types.Keys.Union(dead.Keys).Order(StringComparer.Ordinal)
            .Select(name => types.TryGetValue(name, out var t)
                ? new MessageTypeDepth(name, t.Waiting, t.Scheduled, dead.GetValueOrDefault(name), t.Oldest)
                : new MessageTypeDepth(name, 0, 0, dead.GetValueOrDefault(name), null))
            .ToList();
        return new QueueStatsRead(
            [.. queues.Select(q => new QueueDepth(q.Name, q.Types.Sum(t => t.Waiting), q.Types.Sum(t => t.Scheduled), q.Types.Max(t => t.OldestWaitingAge),
                local.GetValueOrDefault(q.Name, WorkerQueueDepth.None)))],
            allTypes,
            // Dead letters from the summary (exact, archived excluded); FetchCountsAsync estimates that table above 10,000 rows.
            new StoreCounts(counts.Incoming, counts.Scheduled, counts.Outgoing, dead.Values.Sum(), counts.Handled));
    }

    private sealed record TypeRow(string MessageType, long Waiting, long Scheduled, TimeSpan? OldestWaitingAge);

    private sealed record QueueRows(string Name, IReadOnlyList<TypeRow> Types);

    /// <summary>
    /// The one SQL against Wolverine's tables. Wolverine's public API counts a queue (PostgresqlQueue.CountAsync,
    /// ScheduledCountAsync) but says neither which message types are waiting nor for how long, and an operator needs both:
    /// a count cannot tell a busy queue from a stuck one. One statement per queue, no more work than those two counts
    /// (a full count already reads every row): the type breakdown and min("timestamp"), the time the message became ready
    /// (Wolverine's own column, indexed, set when a message is written to the queue or promoted from its scheduled table).
    /// Wolverine keeps the queue's table objects internal, so the names are rebuilt the way PostgresqlQueue builds them;
    /// OpsApiTests checks the counts against Wolverine's own CountAsync, which would catch a change of naming.
    /// </summary>
    private async Task<IReadOnlyList<QueueRows>> ReadQueuesAsync(CancellationToken ct)
    {
        var transport = runtime.Options.Transports.OfType<PostgresqlTransport>().SingleOrDefault();
        var store = MainDatabase();
        if (transport is null || store is null) return [];
        var result = new List<QueueRows>();
        await using var conn = (NpgsqlConnection)await store.DataSource.OpenConnectionAsync(ct);
        foreach (var name in options.Value.Queues)
        {
            var (queueTable, scheduledTable) = TableNames(transport.TransportSchemaName, name);
            await using var cmd = new NpgsqlCommand($"""
                SELECT false, message_type, count(*), extract(epoch FROM now() - min("timestamp"))::float8
                FROM {queueTable} GROUP BY message_type
                UNION ALL
                SELECT true, message_type, count(*), NULL FROM {scheduledTable} GROUP BY message_type
                """, conn) { CommandTimeout = TimeoutSeconds };
            var rows = new List<(bool Scheduled, string Type, long Count, double? Age)>();
            try
            {
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct))
                    rows.Add((r.GetBoolean(0), r.GetString(1), r.GetInt64(2), r.IsDBNull(3) ? null : Math.Max(0, r.GetDouble(3))));
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                // Not provisioned yet: no service declaring this queue has started against this database.
                logger.LogDebug("Queue {Queue} has no tables yet; reported empty", name);
            }
            result.Add(new QueueRows(name, [.. rows.GroupBy(x => x.Type).Select(g => new TypeRow(g.Key,
                g.Where(x => !x.Scheduled).Sum(x => x.Count), g.Where(x => x.Scheduled).Sum(x => x.Count),
                g.Where(x => !x.Scheduled && x.Age is not null).Select(x => (TimeSpan?)TimeSpan.FromSeconds(x.Age!.Value)).Max()))]));
        }
        return result;
    }

    /// <summary>The main store's database: the transport's tables and the inbox live there (multi-tenanted queues are not
    /// used here).</summary>
    private IMessageDatabase? MainDatabase() => runtime.Storage switch
    {
        MultiTenantedMessageStore { Main: IMessageDatabase main } => main,
        IMessageDatabase main => main,
        _ => null,
    };

    /// <summary>As PostgresqlQueue names its tables (unquoted, like Wolverine's own statements, so the same case folding applies).</summary>
    internal static (string Queue, string Scheduled) TableNames(string schema, string queue)
    {
        if (!SafeName().IsMatch(schema) || !SafeName().IsMatch(queue))
            throw new ArgumentException($"Queue '{queue}' in schema '{schema}' is not a plain identifier.");
        return ($"{schema}.{PostgresqlIdentifier.Shorten("wolverine_queue_" + queue)}",
            $"{schema}.{PostgresqlIdentifier.Shorten("wolverine_queue_" + queue + "_scheduled")}");
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex SafeName();

    public async Task<IReadOnlyList<QueueNode>> ListNodesAsync(CancellationToken ct = default)
    {
        var self = runtime.Options.UniqueNodeId;
        var nodes = await Store.Nodes.LoadAllNodesAsync(ct);
        return [.. nodes.OrderByDescending(n => n.LastHealthCheck).Select(n => new QueueNode(n.NodeId, n.AssignedNodeNumber,
            n.Description ?? "", n.Started, n.LastHealthCheck, n.NodeId == self, n.ActiveAgents.Count))];
    }

    /// <summary>Wolverine's first page of dead letters (its order: execution time), optionally of one message type.</summary>
    public async Task<DeadLetterPage> ListDeadLettersAsync(string? messageType, int limit, CancellationToken ct = default)
    {
        var results = await Store.DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery
        {
            MessageType = string.IsNullOrEmpty(messageType) ? null! : messageType,
            PageSize = Math.Clamp(limit, 1, 500),
            PageNumber = 1,
        }, ct);
        return new DeadLetterPage([.. results.Envelopes.Select(ToDeadLetter)], results.TotalCount);
    }

    /// <summary>
    /// Asks Wolverine to replay one dead letter. Wolverine marks it replayable and its durability agent moves it back to
    /// the inbox on its next pass (seconds), so it stays listed, <c>ReplayPending</c>, until then. False when no such
    /// dead letter exists (already replayed or discarded).
    /// </summary>
    public async Task<bool> RetryAsync(Guid id, CancellationToken ct = default) =>
        (await Store.DeadLetters.ReplayMatchingAsync(new DeadLetterEnvelopeQuery([id]), ct)).Affected > 0;

    /// <summary>Replays every dead letter, or those of one message type. Returns how many were marked for replay.</summary>
    public async Task<int> RetryAllAsync(string? messageType, CancellationToken ct = default) =>
        (await Store.DeadLetters.ReplayMatchingAsync(new DeadLetterEnvelopeQuery { MessageType = string.IsNullOrEmpty(messageType) ? null! : messageType }, ct))
        .Affected ?? 0;

    public async Task<bool> DiscardAsync(Guid id, CancellationToken ct = default) =>
        (await Store.DeadLetters.DiscardMatchingAsync(new DeadLetterEnvelopeQuery([id]), ct)).Affected > 0;

    /// <summary>Wolverine's own dead-letter retention (Durability.DeadLetterQueueExpiration), for the cleanup report.</summary>
    public string DeadLetterRetention => runtime.Options.Durability.DeadLetterQueueExpirationEnabled
        ? runtime.Options.Durability.DeadLetterQueueExpiration.ToString()
        : "disabled (dead letters are kept until replayed or discarded)";

    private static DeadLetter ToDeadLetter(DeadLetterEnvelope d) => new(d.Id, d.MessageType, d.ExceptionType, d.ExceptionMessage,
        d.Envelope?.Attempts ?? 0, d.FailedAt ?? d.SentAt, d.Replayable, d.ReplayCount, d.ReceivedAt,
        d.Envelope?.Data is { } data ? Encoding.UTF8.GetString(data) : "");
}
