using System.Net;
using System.Net.Sockets;

namespace AiSales.Tests.Infrastructure;

/// <summary>
/// Ports for resources that bind them later — a project binds seconds after its port is chosen, once its dependencies
/// are healthy. A port taken from the kernel's ephemeral range (what binding port 0 returns) can be handed to any other
/// listener or outbound connection in that gap; a health probe then reaches the stranger while the resource fails to
/// bind. So ports come from below the ephemeral range, at random, checked free, and never twice in one process.
/// </summary>
public static class FreePort
{
    private const int Floor = 10_000;
    private static readonly HashSet<int> HandedOut = [];

    public static int Next()
    {
        var ceiling = EphemeralLow() - 1;
        for (var attempt = 0; attempt < 500 && ceiling - Floor > 1_000; attempt++)
        {
            var port = Random.Shared.Next(Floor, ceiling + 1);
            lock (HandedOut)
            {
                if (HandedOut.Contains(port) || !IsFree(port)) continue;
                HandedOut.Add(port);
                return port;
            }
        }
        // A machine whose ephemeral range leaves no room below it: the kernel's choice is the best left.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException) { return false; }
    }

    /// <summary>Low end of net.ipv4.ip_local_port_range (Linux); the IANA dynamic range start elsewhere.</summary>
    private static int EphemeralLow()
    {
        try
        {
            var text = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range");
            var first = text.Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0];
            return int.TryParse(first, out var low) ? low : 49_152;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return 49_152; }
    }
}
