using Npgsql;

namespace Wolverine.Postgresql;

/// <summary>A node row in queue.nodes: every consuming process heartbeats its own.</summary>
public sealed record QueueNode(Guid Id, string Description, DateTimeOffset StartedAt, DateTimeOffset HeartbeatAt);

/// <summary>
/// Shim-only operator hooks (real Wolverine exposes these through its own admin/CritterWatch tooling):
/// the node list and an on-demand run of the bounded cleanup the listener also runs on its timer.
/// </summary>
public interface IQueueMaintenance
{
    Task<IReadOnlyList<QueueNode>> ListNodesAsync(CancellationToken ct = default);

    /// <summary>One bounded cleanup pass (dead letters past <c>DeadLetterRetention</c>, silent nodes). Returns dead letters deleted.</summary>
    Task<int> CleanupNowAsync(CancellationToken ct = default);
}

internal sealed class QueueMaintenance(JobStore store, DurabilitySettings settings) : IQueueMaintenance
{
    public async Task<IReadOnlyList<QueueNode>> ListNodesAsync(CancellationToken ct = default)
    {
        await using var conn = await store.DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"SELECT id, description, started_at, heartbeat_at FROM {store.Schema}.nodes ORDER BY heartbeat_at DESC LIMIT 200", conn);
        var nodes = new List<QueueNode>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            nodes.Add(new QueueNode(r.GetGuid(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), r.GetFieldValue<DateTimeOffset>(3)));
        return nodes;
    }

    public Task<int> CleanupNowAsync(CancellationToken ct = default) =>
        store.CleanupAsync(settings.DeadLetterRetention, settings.CleanupBatchSize, ct);
}
