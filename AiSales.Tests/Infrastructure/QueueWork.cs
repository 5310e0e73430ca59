using AiSales.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Postgresql.Transport;
using Wolverine.Runtime;

namespace AiSales.Tests.Infrastructure;

/// <summary>What Wolverine still has to do in a host's database, read through its public API: messages waiting in
/// the queues (due or scheduled) and envelopes a listener is handling.</summary>
public static class QueueWork
{
    public static async Task<long> PendingAsync(IServiceProvider services, IEnumerable<string> queues)
    {
        var runtime = services.GetRequiredService<IWolverineRuntime>();
        var transport = runtime.Options.Transports.OfType<PostgresqlTransport>().Single();
        long pending = 0;
        foreach (var name in queues.Distinct())
        {
            var queue = transport.Queues[name];
            pending += await queue.CountAsync() + await queue.ScheduledCountAsync();
        }
        var counts = await runtime.Storage.Admin.FetchCountsAsync();
        return pending + counts.Incoming + counts.Outgoing;
    }

    /// <summary>The queues <paramref name="types"/> go to (every queue when none is named).</summary>
    public static IReadOnlyList<string> QueuesOf(params Type[] types) =>
        types.Length == 0 ? MessageQueues.All : types.Select(t => MessageQueues.QueueOf[t]).Distinct().ToList();
}
