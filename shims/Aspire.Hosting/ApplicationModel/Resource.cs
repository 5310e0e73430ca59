namespace Aspire.Hosting.ApplicationModel;

/// <summary>Anything the AppHost runs or points at.</summary>
public interface IResource
{
    string Name { get; }
}

/// <summary>A resource other resources can receive a connection string from (ConnectionStrings__{name}).</summary>
public interface IResourceWithConnectionString : IResource
{
    /// <summary>Name used for the ConnectionStrings__ key; defaults to the resource name.</summary>
    string? ConnectionStringEnvironmentVariable => null;

    ValueTask<string?> GetConnectionStringAsync(CancellationToken cancellationToken = default);
}

/// <summary>A resource that exposes URLs (services__{name}__http__0).</summary>
public interface IResourceWithEndpoints : IResource
{
    IReadOnlyList<EndpointAnnotation> Endpoints { get; }
}

public interface IResourceWithEnvironment : IResource;

public interface IResourceWithWaitSupport : IResource;

/// <summary>A resource that belongs to another (a database on a server).</summary>
public interface IResourceWithParent : IResource
{
    IResource Parent { get; }
}

public abstract class Resource(string name) : IResource
{
    public string Name { get; } = name;

    /// <summary>Resources this one waits for (WaitFor).</summary>
    internal List<IResource> WaitsFor { get; } = [];

    /// <summary>Resources whose connection strings or URLs this one receives (WithReference).</summary>
    internal List<IResource> References { get; } = [];

    internal Dictionary<string, Func<string>> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>HTTP path polled for health (WithHttpHealthCheck); null = healthy once running.</summary>
    internal string? HealthCheckPath { get; set; }

    public override string ToString() => Name;
}

/// <summary>An HTTP endpoint; Port is decided when the app is built (fixed, configured or free).</summary>
public sealed class EndpointAnnotation(string name, string scheme, int? port)
{
    public string Name { get; } = name;
    public string UriScheme { get; } = scheme;
    public int? Port { get; internal set; } = port;
    public string Host => "127.0.0.1";
    public string? Url => Port is { } p ? $"{UriScheme}://{Host}:{p}" : null;
}
