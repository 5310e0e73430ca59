using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting.Local;

/// <summary>
/// Finds initdb/postgres/redis-server. AppHost:BinarySearchPath (':'-separated) replaces the default search
/// (PATH, then /usr/lib/postgresql/*/bin, newest first); when searching the defaults as root on a machine with
/// apt-get, a missing server package is installed once instead of failing.
/// </summary>
internal sealed class BinaryLocator(IConfiguration configuration, ConsoleReporter reporter)
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    private string? Override => configuration["AppHost:BinarySearchPath"];

    public async Task<string> FindAsync(string binary, string resourceName, string aptPackage, CancellationToken ct)
    {
        if (Find(binary) is { } found) return found;
        if (Override is null && Signals.IsRoot && File.Exists("/usr/bin/apt-get") && configuration["AppHost:InstallMissing"] != "false")
        {
            await InstallGate.WaitAsync(ct);
            try
            {
                if (Find(binary) is { } raced) return raced;
                reporter.Info($"'{binary}' is missing: installing the Debian package '{aptPackage}' (apt-get update && apt-get install -y {aptPackage})");
                await RunAsync("/bin/sh", $"-c \"apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q {aptPackage}\"", ct);
            }
            finally { InstallGate.Release(); }
            if (Find(binary) is { } installed) return installed;
        }
        throw new MissingPrerequisiteException(binary, resourceName);
    }

    /// <summary>Directory holding initdb, pg_ctl and postgres of one installation.</summary>
    public async Task<string> FindPostgresDirectoryAsync(string resourceName, CancellationToken ct)
    {
        var initdb = await FindAsync("initdb", resourceName, "postgresql", ct);
        // A link into PATH (e.g. /usr/local/bin/initdb) must lead to the installation's real bin directory.
        // (Only here: redis-server is a link whose name decides how the binary behaves.)
        var resolved = new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb;
        var dir = Path.GetDirectoryName(resolved)!;
        if (!File.Exists(Path.Combine(dir, "postgres"))) throw new MissingPrerequisiteException("postgres", resourceName);
        return dir;
    }

    private string? Find(string binary)
    {
        foreach (var dir in SearchDirectories())
        {
            var candidate = Path.Combine(dir, binary);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private IEnumerable<string> SearchDirectories()
    {
        if (Override is { } o) return o.Split(':', StringSplitOptions.RemoveEmptyEntries);
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        var pgDirs = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin"))
            : [];
        return path.Concat(pgDirs);
    }

    private async Task RunAsync(string file, string args, CancellationToken ct)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) reporter.Line("apt", e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) reporter.Line("apt", e.Data); };
        p.BeginOutputReadLine(); p.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(10));
        await p.WaitForExitAsync(timeout.Token);
    }
}
