using System.Text.Json;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>
/// An extra top-level section of .aisales/resources.json (shim-only: the real Aspire has no such file).
/// Register with builder.Services.AddSingleton(new ResourcesFileSection("demo", value)).
/// </summary>
public sealed record ResourcesFileSection(string Name, object Value);

/// <summary>
/// Writes &lt;state&gt;/resources.json (Development only) on every change: write a temp file, then rename, so readers
/// never see half a file. Deleted on clean shutdown, so a file that exists describes a running AppHost.
/// </summary>
internal sealed class ResourcesFile(string path, Func<IEnumerable<IResourceWithConnectionString>> connectionStrings, IEnumerable<ResourcesFileSection> sections)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private readonly Lock _gate = new();

    public void Write(IReadOnlyList<ResourceSnapshot> snapshots)
    {
        var doc = new Dictionary<string, object?>
        {
            ["resources"] = snapshots.Select(s => new { name = s.Name, state = s.State, pid = s.Pid, endpoints = s.Endpoints, restarts = s.Restarts }),
            ["connectionStrings"] = connectionStrings().ToDictionary(r => r.ConnectionStringEnvironmentVariable ?? r.Name,
                r => r.GetConnectionStringAsync().AsTask().GetAwaiter().GetResult()),
        };
        foreach (var section in sections) doc[section.Name] = section.Value;
        lock (_gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + ".tmp";
            File.WriteAllText(temp, JsonSerializer.Serialize(doc, Json));
            // It carries passwords: readable by the developer only.
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Move(temp, path, overwrite: true);
        }
    }

    public void Delete()
    {
        lock (_gate) { File.Delete(path); }
    }
}
