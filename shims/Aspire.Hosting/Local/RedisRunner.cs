using System.Net.Sockets;
using System.Text;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Local;

/// <summary>
/// A private redis-server under &lt;state&gt;/data/&lt;name&gt;: loopback only, requirepass, append-only file. The password
/// goes in a 0600 config file, never on the command line (where ps would show it).
/// </summary>
internal sealed class RedisRunner(RedisResource resource, string stateDirectory, BinaryLocator binaries, ConsoleReporter reporter) : IResourceRunner
{
    private string _binary = "";
    private string DataDir => Path.Combine(stateDirectory, "data", resource.Name);

    public IReadOnlyList<string> Endpoints => resource.ExternalConnectionString is null ? [$"tcp://127.0.0.1:{resource.Port}"] : [];

    public async Task PrepareAsync(CancellationToken ct)
    {
        if (resource.ExternalConnectionString is not null) return;
        _binary = await binaries.FindAsync("redis-server", resource.Name, "redis-server", ct);
    }

    public async Task<ManagedProcess?> StartAsync(CancellationToken ct)
    {
        if (resource.ExternalConnectionString is not null) return null;
        Directory.CreateDirectory(DataDir);
        var conf = Path.Combine(DataDir, "redis.conf");
        await File.WriteAllTextAsync(conf, string.Join('\n',
            "bind 127.0.0.1", $"port {resource.Port}", "protected-mode yes", "daemonize no",
            $"dir {DataDir}", "appendonly yes", $"requirepass {resource.Password}", ""), ct);
        File.SetUnixFileMode(conf, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return ManagedProcess.Start(resource.Name, _binary, [conf], DataDir, new Dictionary<string, string?>(), reporter);
    }

    public async Task<bool> IsHealthyAsync(CancellationToken ct) => await PingAsync(resource.ConnectionString, ct);

    /// <summary>AUTH (when a password is set) + PING over raw RESP, so hosting does not depend on a Redis client.</summary>
    internal static async Task<bool> PingAsync(string connectionString, CancellationToken ct)
    {
        var parts = connectionString.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var hostPort = parts[0].Split(':');
        var host = hostPort[0];
        var port = hostPort.Length > 1 ? int.Parse(hostPort[1]) : 6379;
        var password = parts.Skip(1).Select(p => p.Split('=', 2)).Where(kv => kv[0].Equals("password", StringComparison.OrdinalIgnoreCase)).Select(kv => kv[1]).FirstOrDefault();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, timeout.Token);
            var stream = client.GetStream();
            var request = new StringBuilder();
            if (!string.IsNullOrEmpty(password)) request.Append(Resp("AUTH", password));
            request.Append(Resp("PING"));
            await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), timeout.Token);
            var reader = new StreamReader(stream, Encoding.UTF8);
            if (!string.IsNullOrEmpty(password) && await reader.ReadLineAsync(timeout.Token) != "+OK") return false;
            return await reader.ReadLineAsync(timeout.Token) == "+PONG";
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !ct.IsCancellationRequested) { return false; }
    }

    private static string Resp(params string[] args) =>
        $"*{args.Length}\r\n" + string.Concat(args.Select(a => $"${Encoding.UTF8.GetByteCount(a)}\r\n{a}\r\n"));

    // SIGTERM makes redis-server flush the append-only file and exit.
    public Task StopAsync(ManagedProcess process) => process.StopAsync(Signals.SIGTERM, TimeSpan.FromSeconds(5));
}
