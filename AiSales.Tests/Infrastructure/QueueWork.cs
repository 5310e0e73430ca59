using System.Text.Json;
using AiSales.Core.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;
using Wolverine.Util;
using Wolverine.Persistence.Durability.ScheduledMessageManagement;
using Wolverine.Postgresql.Transport;
using Wolverine.Runtime;
using Wolverine.Runtime.Serialization;

namespace AiSales.Tests.Infrastructure;

/// <summary>What Wolverine still has to do in a host's database, read through its public API: messages waiting in
/// the queues, scheduled ones (held in Wolverine's inbox until due), and envelopes being sent or handled.</summary>
public static class QueueWork
{
    /// <summary>Work of these message types (every type when none is named); envelopes in flight count whatever their type.</summary>
    public static async Task<long> PendingAsync(IServiceProvider services, params Type[] types)
    {
        if (types.Length == 0) types = [.. MessageQueues.QueueOf.Keys];
        var runtime = services.GetRequiredService<IWolverineRuntime>();
        var transport = runtime.Options.Transports.OfType<PostgresqlTransport>().Single();
        long pending = 0;
        foreach (var name in types.Select(t => MessageQueues.QueueOf[t]).Distinct())
        {
            var queue = transport.Queues[name];
            pending += await queue.CountAsync() + await queue.ScheduledCountAsync();
        }
        foreach (var type in types)
        {
            var scheduled = await runtime.Storage.ScheduledMessages.QueryAsync(
                new ScheduledMessageQuery { MessageType = type.ToMessageTypeName(), PageSize = 1 }, CancellationToken.None);
            pending += scheduled.TotalCount;
        }
        var counts = await runtime.Storage.Admin.FetchCountsAsync();
        return pending + counts.Incoming + counts.Outgoing;
    }

    /// <summary>Messages waiting in the queue this type is routed to (the transport's table: due, not yet taken by a listener).</summary>
    public static async Task<long> QueuedAsync(IServiceProvider services, Type type)
    {
        var transport = services.GetRequiredService<IWolverineRuntime>().Options.Transports.OfType<PostgresqlTransport>().Single();
        return await transport.Queues[MessageQueues.QueueOf[type]].CountAsync();
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Messages of type <typeparamref name="T"/> waiting in its PostgreSQL transport queue (due, or in the queue's
    /// scheduled table), for a host that publishes but does not listen. The transport has no public API to read queued
    /// messages, so this reads its two tables, named as Wolverine names them (wolverine_queue_&lt;name&gt;[_scheduled] in
    /// <see cref="PostgresqlTransport.TransportSchemaName"/>), and decodes each row with Wolverine's own
    /// <see cref="EnvelopeSerializer"/>.
    /// </summary>
    public static async Task<IReadOnlyList<T>> QueuedMessagesAsync<T>(IServiceProvider services)
    {
        var runtime = services.GetRequiredService<IWolverineRuntime>();
        var transport = runtime.Options.Transports.OfType<PostgresqlTransport>().Single();
        var table = $"{transport.TransportSchemaName}.wolverine_queue_{MessageQueues.QueueOf[typeof(T)]}";
        // The connection Wolverine itself uses (a service's own data source may be a restricted role).
        await using var conn = new NpgsqlConnection(services.GetRequiredService<IConfiguration>().GetConnectionString("aisales"));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            $"SELECT body FROM {table} WHERE message_type = $1 UNION ALL SELECT body FROM {table}_scheduled WHERE message_type = $1", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = typeof(T).ToMessageTypeName() });
        var messages = new List<T>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var envelope = EnvelopeSerializer.Deserialize(reader.GetFieldValue<byte[]>(0));
            messages.Add(JsonSerializer.Deserialize<T>(envelope.Data!, Json)!);
        }
        return messages;
    }

    /// <summary>
    /// Messages of type <typeparamref name="T"/> that Wolverine holds in its inbox or outbox (scheduled until due, or
    /// being sent or handled), with when each is due (null: now), read through its store's admin API. Envelopes already
    /// handled (kept a while in the inbox to deduplicate redeliveries) are done, not held.
    /// </summary>
    public static async Task<IReadOnlyList<(T Message, DateTimeOffset? DueAt)>> HeldAsync<T>(IServiceProvider services)
    {
        var admin = services.GetRequiredService<IWolverineRuntime>().Storage.Admin;
        var envelopes = (await admin.AllIncomingAsync()).Concat(await admin.AllOutgoingAsync());
        return [.. envelopes
            .Where(e => e.MessageType == typeof(T).ToMessageTypeName() && e.Status != EnvelopeStatus.Handled && e.Data is { Length: > 0 })
            .Select(e => (JsonSerializer.Deserialize<T>(e.Data!, Json)!, e.ScheduledTime))];
    }

    /// <summary>Every message of type <typeparamref name="T"/> Wolverine still has to handle in this database: held in
    /// its inbox or outbox (<see cref="HeldAsync{T}"/>) or waiting in its queue (<see cref="QueuedMessagesAsync{T}"/>).</summary>
    public static async Task<IReadOnlyList<T>> WaitingMessagesAsync<T>(IServiceProvider services) =>
        [.. (await HeldAsync<T>(services)).Select(h => h.Message), .. await QueuedMessagesAsync<T>(services)];

    /// <summary>
    /// Skips the clock for scheduled messages of type <typeparamref name="T"/>: those scheduled in Wolverine's inbox are
    /// made due now through its scheduled-message API; those in the PostgreSQL queue's scheduled table (scheduled retries
    /// of a message received from the queue, scheduled sends) get their execution time set to now, as the transport has
    /// no API to reschedule them. The listener moves them to its queue at its next poll.
    /// </summary>
    public static async Task MakeDueAsync<T>(IServiceProvider services)
    {
        var runtime = services.GetRequiredService<IWolverineRuntime>();
        var scheduled = runtime.Storage.ScheduledMessages;
        var waiting = await scheduled.QueryAsync(new ScheduledMessageQuery { MessageType = typeof(T).ToMessageTypeName(), PageSize = 1000 }, CancellationToken.None);
        foreach (var message in waiting.Messages.Where(m => m.ScheduledTime > DateTimeOffset.UtcNow))
            await scheduled.RescheduleAsync(message.Id, DateTimeOffset.UtcNow, CancellationToken.None);

        var transport = runtime.Options.Transports.OfType<PostgresqlTransport>().Single();
        await using var conn = new NpgsqlConnection(services.GetRequiredService<IConfiguration>().GetConnectionString("aisales"));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            $"UPDATE {transport.TransportSchemaName}.wolverine_queue_{MessageQueues.QueueOf[typeof(T)]}_scheduled SET execution_time = now() WHERE message_type = $1 AND execution_time > now()", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = typeof(T).ToMessageTypeName() });
        await cmd.ExecuteNonQueryAsync();
    }
}
