using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Npgsql;

namespace Aspire.Hosting.Local;

/// <summary>
/// A private Postgres under &lt;state&gt;/data/&lt;name&gt;, loopback only, scram-sha-256 over TCP. The Unix socket lives in a
/// directory only the server's user can enter, with trust auth there, so the AppHost can always (re)set the password
/// it hands out. Postgres refuses to run as root, so as root it runs as 'postgres' (or a created 'aisales' user).
/// </summary>
internal sealed class PostgresRunner(PostgresServerResource resource, string stateDirectory, BinaryLocator binaries, ConsoleReporter reporter) : IResourceRunner
{
    private string _binDir = "";
    private string? _user;
    private string DataDir => Path.Combine(stateDirectory, "data", resource.Name);
    private string SocketDir => Path.Combine(stateDirectory, "run", resource.Name);

    public IReadOnlyList<string> Endpoints => resource.ExternalConnectionString is null ? [$"tcp://127.0.0.1:{resource.Port}"] : [];

    public async Task PrepareAsync(CancellationToken ct)
    {
        if (resource.ExternalConnectionString is not null) return;
        _binDir = await binaries.FindPostgresDirectoryAsync(resource.Name, ct);
    }

    public async Task<ManagedProcess?> StartAsync(CancellationToken ct)
    {
        if (resource.ExternalConnectionString is not null) return null;
        _user = Signals.IsRoot ? await UnprivilegedUser.EnsureAsync(reporter, ct) : null;
        UnprivilegedUser.MakeTraversable(stateDirectory);
        Directory.CreateDirectory(Path.Combine(stateDirectory, "data"));
        Directory.CreateDirectory(Path.Combine(stateDirectory, "run"));
        UnprivilegedUser.MakeTraversable(Path.Combine(stateDirectory, "data"));
        UnprivilegedUser.MakeTraversable(Path.Combine(stateDirectory, "run"));
        Directory.CreateDirectory(SocketDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await UnprivilegedUser.ChownAsync(SocketDir, _user, ct);

        if (!File.Exists(Path.Combine(DataDir, "PG_VERSION"))) await InitDbAsync(ct);

        return ManagedProcess.Start(resource.Name, Path.Combine(_binDir, "postgres"),
            ["-D", DataDir, "-p", resource.Port.ToString(), "-c", "listen_addresses=127.0.0.1",
             "-c", $"unix_socket_directories={SocketDir}", "-c", "logging_collector=off"],
            stateDirectory, new Dictionary<string, string?>(), reporter, _user);
    }

    private async Task InitDbAsync(CancellationToken ct)
    {
        if (Directory.Exists(DataDir)) Directory.Delete(DataDir, recursive: true); // a half-made cluster from an interrupted run
        Directory.CreateDirectory(DataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await UnprivilegedUser.ChownAsync(DataDir, _user, ct);
        var pwFile = Path.Combine(SocketDir, "initdb.pw");
        await File.WriteAllTextAsync(pwFile, resource.Password, ct);
        File.SetUnixFileMode(pwFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await UnprivilegedUser.ChownAsync(pwFile, _user, ct);
        try
        {
            reporter.Info($"{resource.Name}: creating a new cluster in {DataDir}");
            var init = ManagedProcess.Start(resource.Name, Path.Combine(_binDir, "initdb"),
                ["-D", DataDir, "-U", resource.UserName, "--pwfile", pwFile, "-E", "UTF8", "--locale=C.UTF-8",
                 "--auth-host=scram-sha-256", "--auth-local=trust", "--no-instructions"],
                stateDirectory, new Dictionary<string, string?>(), reporter, _user);
            var code = await init.Exited.WaitAsync(TimeSpan.FromMinutes(2), ct);
            if (code != 0) throw new InvalidOperationException($"initdb exited with code {code}; see .aisales/logs/{resource.Name}.log");
        }
        finally { File.Delete(pwFile); }
    }

    public async Task<bool> IsHealthyAsync(CancellationToken ct)
    {
        var cs = new NpgsqlConnectionStringBuilder(resource.ConnectionString) { Timeout = 3, Pooling = false };
        try
        {
            await using var conn = new NpgsqlConnection(cs.ConnectionString);
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT 1", conn) { CommandTimeout = 3 };
            await cmd.ExecuteScalarAsync(ct);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == "28P01" && resource.ExternalConnectionString is null)
        {
            // The cluster predates the current password (e.g. secrets regenerated): reset it over the private socket.
            await ResetPasswordAsync(ct);
            return false;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException or InvalidOperationException) { return false; }
    }

    private async Task ResetPasswordAsync(CancellationToken ct)
    {
        var cs = new NpgsqlConnectionStringBuilder { Host = SocketDir, Port = resource.Port, Username = resource.UserName, Database = "postgres", Timeout = 3, Pooling = false };
        await using var conn = new NpgsqlConnection(cs.ConnectionString);
        await conn.OpenAsync(ct);
        var escaped = resource.Password.Replace("'", "''");
        await using var cmd = new NpgsqlCommand($"ALTER ROLE \"{resource.UserName}\" PASSWORD '{escaped}'", conn) { CommandTimeout = 5 };
        await cmd.ExecuteNonQueryAsync(ct);
        reporter.Info($"{resource.Name}: password updated to the current secret");
    }

    // SIGINT is Postgres' "fast" shutdown: the same as pg_ctl stop -m fast.
    public Task StopAsync(ManagedProcess process) => process.StopAsync(Signals.SIGINT, TimeSpan.FromSeconds(8));
}

/// <summary>The account private Postgres runs as when the AppHost is root.</summary>
internal static class UnprivilegedUser
{
    public static async Task<string> EnsureAsync(ConsoleReporter reporter, CancellationToken ct)
    {
        if (Exists("postgres")) return "postgres";
        if (Exists("aisales")) return "aisales";
        reporter.Info("running as root and Postgres refuses root: creating system user 'aisales'");
        await RunAsync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "aisales"], ct);
        return "aisales";
    }

    private static bool Exists(string user) => File.ReadLines("/etc/passwd").Any(l => l.StartsWith(user + ":", StringComparison.Ordinal));

    public static async Task ChownAsync(string path, string? user, CancellationToken ct)
    {
        if (user is not null) await RunAsync("chown", ["-R", $"{user}:", path], ct);
    }

    /// <summary>Lets the server's user walk through directories root created 0700 (temp dirs, .aisales).</summary>
    public static void MakeTraversable(string dir)
    {
        if (!Signals.IsRoot || !Directory.Exists(dir)) return;
        var mode = File.GetUnixFileMode(dir);
        File.SetUnixFileMode(dir, mode | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
    }

    private static async Task RunAsync(string file, string[] args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var err = p.StandardError.ReadToEndAsync(timeout.Token);
        await p.WaitForExitAsync(timeout.Token);
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} failed ({p.ExitCode}): {await err}");
    }
}
