using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Local;

/// <summary>
/// A .NET project run as `dotnet &lt;TargetPath&gt;` in its project directory, with the AppHost's own environment
/// plus Aspire's injections: connection strings, service URLs, ASPNETCORE_URLS, OTEL_SERVICE_NAME.
/// </summary>
internal sealed class ProjectRunner(ProjectResource resource, IReadOnlyDictionary<string, string?> appHostEnvironment, ConsoleReporter reporter) : IResourceRunner
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };

    public IReadOnlyList<string> Endpoints => [.. resource.Endpoints.Select(e => e.Url!)];

    private string TargetPath => resource.Metadata.GetType().GetProperty("TargetPath")?.GetValue(resource.Metadata) as string
        ?? Path.Combine(Path.GetDirectoryName(resource.Metadata.ProjectPath)!, "bin", "Debug", "net10.0",
            Path.GetFileNameWithoutExtension(resource.Metadata.ProjectPath) + ".dll");

    public Task PrepareAsync(CancellationToken ct)
    {
        if (!File.Exists(TargetPath))
            throw new InvalidOperationException($"Project '{resource.Name}' is not built: {TargetPath} is missing. Build the AppHost (dotnet build) first.");
        return Task.CompletedTask;
    }

    public async Task<ManagedProcess?> StartAsync(CancellationToken ct)
    {
        var env = await BuildEnvironmentAsync(ct);
        return ManagedProcess.Start(resource.Name, "dotnet", [TargetPath], Path.GetDirectoryName(resource.Metadata.ProjectPath)!, env, reporter);
    }

    internal async Task<Dictionary<string, string?>> BuildEnvironmentAsync(CancellationToken ct)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["OTEL_SERVICE_NAME"] = resource.Name,
            ["ASPNETCORE_URLS"] = string.Join(';', resource.Endpoints.Select(e => e.Url)),
            ["LOGGING__CONSOLE__FORMATTERNAME"] = "simple",
            ["DOTNET_LAUNCH_PROFILE"] = null,
        };
        if (!appHostEnvironment.ContainsKey("ASPNETCORE_ENVIRONMENT") && !appHostEnvironment.ContainsKey("DOTNET_ENVIRONMENT"))
            env["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var reference in resource.References)
        {
            switch (reference)
            {
                case IResourceWithConnectionString cs:
                    env[$"ConnectionStrings__{cs.ConnectionStringEnvironmentVariable ?? cs.Name}"] = await cs.GetConnectionStringAsync(ct);
                    break;
                case IResourceWithEndpoints withEndpoints:
                    foreach (var group in withEndpoints.Endpoints.GroupBy(e => e.UriScheme))
                        foreach (var (endpoint, index) in group.Select((e, i) => (e, i)))
                            env[$"services__{reference.Name}__{group.Key}__{index}"] = endpoint.Url;
                    break;
            }
        }
        foreach (var (key, value) in resource.Environment) env[key] = value();
        return env;
    }

    public async Task<bool> IsHealthyAsync(CancellationToken ct)
    {
        if (resource.HealthCheckPath is null || resource.Endpoints.Count == 0) return true;
        try
        {
            using var response = await Http.GetAsync(resource.Endpoints[0].Url + resource.HealthCheckPath, ct);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested) { return false; }
    }

    public Task StopAsync(ManagedProcess process) => process.StopAsync(Signals.SIGTERM, TimeSpan.FromSeconds(5));
}
