namespace Aspire.Hosting.Local;

/// <summary>How one kind of resource is started, health-checked and stopped.</summary>
internal interface IResourceRunner
{
    /// <summary>Checks prerequisites (binaries) before anything starts, so a missing one fails fast and alone.</summary>
    Task PrepareAsync(CancellationToken ct);

    /// <summary>Starts the process; null when nothing runs locally (external server, database on a server).</summary>
    Task<ManagedProcess?> StartAsync(CancellationToken ct);

    Task<bool> IsHealthyAsync(CancellationToken ct);

    Task StopAsync(ManagedProcess process);

    IReadOnlyList<string> Endpoints { get; }
}
