namespace AiSales.AppHost.Resources;

/// <summary>
/// Finds the Postgres and Redis programs a local-binary resource runs. <c>AppHost:BinarySearchPath</c> (':'-separated)
/// replaces the default search (PATH, then /usr/lib/postgresql/*/bin, newest first).
/// </summary>
internal sealed class LocalBinaries(string? searchPathOverride)
{
    /// <summary>The directory holding initdb and postgres of one installation.</summary>
    public string PostgresDirectory(string resourceName)
    {
        var initdb = Find("initdb") ?? throw Missing("initdb", resourceName, "postgresql");
        // A link into PATH (e.g. /usr/local/bin/initdb) must lead to the installation's real bin directory.
        var resolved = new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb;
        var dir = Path.GetDirectoryName(resolved)!;
        return File.Exists(Path.Combine(dir, "postgres")) ? dir : throw Missing("postgres", resourceName, "postgresql");
    }

    public string RedisServer(string resourceName) => Find("redis-server") ?? throw Missing("redis-server", resourceName, "redis-server");

    private string? Find(string binary) =>
        SearchDirectories().Select(dir => Path.Combine(dir, binary)).FirstOrDefault(File.Exists);

    private IEnumerable<string> SearchDirectories()
    {
        if (searchPathOverride is { Length: > 0 } o) return o.Split(':', StringSplitOptions.RemoveEmptyEntries);
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        var postgresVersions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin"))
            : [];
        return path.Concat(postgresVersions);
    }

    private static MissingPrerequisiteException Missing(string binary, string resourceName, string aptPackage) => new(
        $"'{resourceName}' runs the local '{binary}', which is not installed. Install it with: sudo apt-get install -y {aptPackage} " +
        $"(or run with a container engine, or point the AppHost at an existing server with ConnectionStrings__{(resourceName == "redis" ? "redis" : "aisales")}).");
}

/// <summary>A program the AppHost needs is missing; the message says what to install.</summary>
public sealed class MissingPrerequisiteException(string message) : Exception(message);
