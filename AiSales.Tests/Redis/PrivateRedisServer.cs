using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AiSales.Tests.Redis;

/// <summary>
/// A redis-server of a test's own (free port, temp dir, no persistence) for tests that stop, pause
/// or password-protect the server, which would disturb the shared one. Always killed on dispose;
/// a process-exit hook kills it too if a test run is torn down early.
/// </summary>
public sealed class PrivateRedisServer : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aisales-redis-").FullName;
    private readonly string? _password;
    private Process? _process;

    private PrivateRedisServer(string? password)
    {
        _password = password;
        Port = AiSales.Tests.Infrastructure.FreePort.Next();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();
    }

    public int Port { get; }

    public string ConnectionString(string extra = "") =>
        $"127.0.0.1:{Port}" + (_password is null ? "" : $",password={_password}") + extra;

    public static async Task<PrivateRedisServer> StartAsync(string? password = null)
    {
        var server = new PrivateRedisServer(password);
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        var psi = new ProcessStartInfo("/usr/bin/redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _directory })
            psi.ArgumentList.Add(arg);
        if (_password is not null)
        {
            psi.ArgumentList.Add("--requirepass");
            psi.ArgumentList.Add(_password);
        }
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(25);
            }
        }
    }

    /// <summary>Kills the server abruptly (as a crash would) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        if (process is null) return;
        Kill();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        process.Dispose();
        _process = null;
    }

    private void Kill()
    {
        try
        {
            if (_process is { HasExited: false } p) p.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { /* already exited */ }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

}
