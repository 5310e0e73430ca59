using System.Collections.ObjectModel;
using System.Globalization;
using System.Net;

namespace StackExchange.Redis;

/// <summary>The servers to connect to. This substitute uses the first one.</summary>
public sealed class EndPointCollection : Collection<EndPoint>
{
    public const int DefaultPort = 6379;

    public void Add(string host, int port) => Add(Create(host, port));

    public void Add(string hostAndPort) => Add(Parse(hostAndPort));

    internal static EndPoint Parse(string hostAndPort)
    {
        var text = hostAndPort.Trim();
        var port = DefaultPort;
        var host = text;
        // "[::1]:6379", "host:6379", "host"
        var colon = text.LastIndexOf(':');
        if (colon > 0 && text.IndexOf(':') == colon || (text.StartsWith('[') && text.Contains("]:", StringComparison.Ordinal)))
        {
            host = text[..colon].Trim('[', ']');
            if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port))
                throw new ArgumentException($"Invalid port in endpoint '{hostAndPort}'.", nameof(hostAndPort));
        }
        return Create(host, port);
    }

    private static EndPoint Create(string host, int port) =>
        IPAddress.TryParse(host, out var ip) ? new IPEndPoint(ip, port) : new DnsEndPoint(host, port);

    internal static string Format(EndPoint endPoint) => endPoint switch
    {
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        IPEndPoint { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } ip => $"[{ip.Address}]:{ip.Port}",
        IPEndPoint ip => $"{ip.Address}:{ip.Port}",
        _ => endPoint.ToString() ?? "",
    };
}
