using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AiSales.Tests.Infrastructure;

/// <summary>
/// A throw-away Postgres cluster owned by one test, for tests that must stop and restart the server
/// (which the shared dev server must never be). initdb into a temp dir as user postgres, a free
/// loopback port, fsync off (durability across OS crashes is not what these tests are about; crash
/// recovery after an immediate stop still runs). Dispose stops it and deletes the directory.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly string _dir;

    private PrivatePostgres(string dir, int port)
    {
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Timeout = 3 }.ConnectionString;

    public static async Task<PrivatePostgres> StartAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"aisales-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var pg = new PrivatePostgres(dir, AiSales.Tests.Infrastructure.FreePort.Next());
        try
        {
            await RunAsync("chown", "postgres:postgres", dir);
            await AsPostgresAsync($"{Bin}/initdb", "-D", pg.DataDir, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C");
            await pg.StartServerAsync();
            return pg;
        }
        catch
        {
            await pg.DisposeAsync();
            throw;
        }
    }

    private string DataDir => Path.Combine(_dir, "data");

    public Task StartServerAsync() => AsPostgresAsync($"{Bin}/pg_ctl", "-D", DataDir, "-l", Path.Combine(_dir, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start");

    /// <summary>Simulates a crash: no checkpoint, connections cut at once.</summary>
    public Task StopImmediateAsync() => AsPostgresAsync($"{Bin}/pg_ctl", "-D", DataDir, "-m", "immediate", "-w", "stop");

    public async Task RestartAsync()
    {
        await StopImmediateAsync();
        await StartServerAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(DataDir, "postmaster.pid")))
                await AsPostgresAsync($"{Bin}/pg_ctl", "-D", DataDir, "-m", "immediate", "-w", "stop");
        }
        catch (Exception) { /* already stopped */ }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }


    private static Task AsPostgresAsync(params string[] args) => RunAsync("runuser", ["-u", "postgres", "--", .. args]);

    private static async Task RunAsync(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {CommandTimeout}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}{await stdout}");
    }
}
