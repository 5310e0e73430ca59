namespace Aspire.Hosting.ApplicationModel;

/// <summary>Lifecycle states shown on the console and in .aisales/resources.json.</summary>
public static class KnownResourceStates
{
    public const string NotStarted = "NotStarted";
    public const string Waiting = "Waiting";
    public const string Starting = "Starting";
    public const string Running = "Running";
    public const string Healthy = "Healthy";
    public const string Stopping = "Stopping";
    public const string Exited = "Exited";
    public const string Failed = "Failed";
}

/// <summary>What is known about one resource right now.</summary>
public sealed record ResourceSnapshot(string Name, string State, int? Pid, IReadOnlyList<string> Endpoints, int Restarts, string? Message = null);

public sealed record ResourceEvent(IResource Resource, ResourceSnapshot Snapshot);
