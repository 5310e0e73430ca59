using System.Diagnostics;
using System.Reflection;
using AiSales.Core.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiSales.Webhooks.Apis;

/// <summary>GET /api/status: one page for "is it working": version, uptime, nodes, queue, recent deliveries.</summary>
public static class StatusApi
{
    /// <summary>A Wolverine node. Description is Wolverine's (the machine name); <see cref="IsSelf"/> marks this process.</summary>
    public sealed record NodeView(Guid Id, int Number, string Description, DateTimeOffset StartedAt, DateTimeOffset HeartbeatAt,
        double SecondsSinceHeartbeat, bool IsSelf, int ActiveAgents);

    public sealed record StatusResponse(string Service, string Version, string Environment, DateTimeOffset StartedAt, double UptimeSeconds,
        IReadOnlyList<NodeView> Nodes, QueueApi.QueueTotals Queue, DeliveryCounts Deliveries, long UnroutableOpen);

    private static readonly DateTimeOffset ProcessStarted = new(Process.GetCurrentProcess().StartTime.ToUniversalTime(), TimeSpan.Zero);

    private static readonly string Version =
        typeof(StatusApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(StatusApi).Assembly.GetName().Version?.ToString() ?? "unknown";

    public static RouteGroupBuilder MapStatusApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/status").WithTags("Operations").RequireOpsKey();
        api.MapGet("/", GetAsync).WithName("GetStatus");
        return api;
    }

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
            QueueApi.ToStats(stats.Stats, stats.ReadAt).Totals, deliveries, unroutable));
    }
}
