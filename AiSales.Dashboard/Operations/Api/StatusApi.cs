using System.Diagnostics;
using System.Reflection;
using AiSales.Core.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiSales.Dashboard.Operations.Api;

/// <summary>
/// GET /ops/api/status: one page for "is it working": this service's version and uptime, Wolverine's nodes (the
/// Workers), the queue totals, recent deliveries and open unroutable events.
/// </summary>
public static class StatusApi
{
    private static readonly DateTimeOffset ProcessStarted = new(Process.GetCurrentProcess().StartTime.ToUniversalTime(), TimeSpan.Zero);

    private static readonly string Version =
        typeof(StatusApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(StatusApi).Assembly.GetName().Version?.ToString() ?? "unknown";

    internal static RouteGroupBuilder MapStatusApi(this RouteGroupBuilder ops)
    {
        ops.MapGet("/api/status", GetAsync).WithName("GetStatus");
        return ops;
    }

    // The totals from the shared snapshot (refreshed every few seconds), not a fresh read: a status poller must stay cheap.
    public static async Task<Ok<StatusResponse>> GetAsync(WolverineQueueOperations operations, QueueStatsSnapshot snapshot, OperationsStore store,
        IHostEnvironment env, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var nodes = await operations.ListNodesAsync(ct);
        var stats = await snapshot.GetAsync(ct);
        var deliveries = await store.CountDeliveriesAsync(ct);
        var unroutable = await store.CountOpenUnroutableAsync(ct);
        return TypedResults.Ok(new StatusResponse(env.ApplicationName, Version, env.EnvironmentName, ProcessStarted, (now - ProcessStarted).TotalSeconds,
            [.. nodes.Select(n => new NodeView(n.Id, n.Number, n.Description, n.StartedAt, n.HeartbeatAt, (now - n.HeartbeatAt).TotalSeconds, n.IsSelf,
                n.ActiveAgents))],
            QueueStats.From(stats.Stats, stats.ReadAt).Totals, deliveries, unroutable));
    }
}
