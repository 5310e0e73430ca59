using System.Text.Json;

namespace AiSales.AppHost.State;

/// <summary>Where the AppHost's files for scripts live: <c>&lt;state&gt;/resources.json</c> and <c>&lt;state&gt;/logs/</c>.</summary>
public sealed record StateFiles(string Directory)
{
    public string ResourcesFile => System.IO.Path.Combine(Directory, "resources.json");

    public string LogDirectory => System.IO.Path.Combine(Directory, "logs");
}

/// <summary>An extra top-level section of resources.json: <c>AddSingleton(new ResourcesFileSection("demo", value))</c>.</summary>
public sealed record ResourcesFileSection(string Name, object Value);

/// <summary>
/// One resource as scripts see it: state is "Healthy" once running and every health check passes; pid is the process
/// doing the work (a service's own, never its <c>dotnet run</c> launcher's: null until the service has started); restarts
/// counts new launchers.
/// </summary>
public sealed record ResourceEntry(string Name, string Type, string State, int? Pid, IReadOnlyList<string> Endpoints, int Restarts)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public int? LauncherPid { get; init; }
}

/// <summary>
/// <c>&lt;state&gt;/resources.json</c>, the contract for scripts and bench tools (DESIGN §5): resources with state, pid
/// and endpoints, connection strings, the local secrets and the demo login. Written whole to a temp file and renamed,
/// so a reader never sees half of it; 0600, since it carries passwords; deleted on a clean stop, so a file that exists
/// describes a running AppHost.
/// </summary>
public sealed class ResourcesFile(string path)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private readonly Lock _gate = new();

    public string Path { get; } = path;

    public void Write(IEnumerable<ResourceEntry> resources, IReadOnlyDictionary<string, string> connectionStrings, IEnumerable<ResourcesFileSection> sections)
    {
        var document = new Dictionary<string, object?>
        {
            ["resources"] = resources,
            ["connectionStrings"] = connectionStrings,
        };
        foreach (var section in sections) document[section.Name] = section.Value;
        lock (_gate)
        {
            var temp = Path + ".tmp";
            File.WriteAllText(temp, "");
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.WriteAllText(temp, JsonSerializer.Serialize(document, Json));
            File.Move(temp, Path, overwrite: true);
        }
    }

    public void Delete()
    {
        lock (_gate) File.Delete(Path);
    }
}
