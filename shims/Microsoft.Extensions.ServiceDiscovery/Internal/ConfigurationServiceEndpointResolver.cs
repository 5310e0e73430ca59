using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.ServiceDiscovery.Internal;

/// <summary>
/// Resolves a logical service name to a concrete endpoint from configuration, the way Aspire
/// injects them: <c>services:{name}:{scheme}:{index}</c> (env <c>services__webhooks__http__0</c>),
/// or a single value at <c>services:{name}:{scheme}</c>. Read on every request, so reloaded
/// configuration applies at once; several endpoints are used round-robin.
/// </summary>
internal sealed class ConfigurationServiceEndpointResolver(IConfiguration configuration)
{
    private readonly ConcurrentDictionary<string, int> _next = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The endpoint for <paramref name="uri"/>, or null when the host is not a service name and should be
    /// used as it is. Throws when it looks like a service name but no configuration names it.
    /// </summary>
    public Uri? Resolve(Uri uri)
    {
        var service = uri.Host;
        // "https+http" means: prefer https endpoints, fall back to http ones.
        var schemes = uri.Scheme.Split('+', StringSplitOptions.RemoveEmptyEntries);

        foreach (var scheme in schemes)
        {
            var endpoints = Endpoints(service, scheme);
            if (endpoints.Count == 0) continue;

            var index = _next.AddOrUpdate($"{service}/{scheme}", 0, (_, i) => unchecked(i + 1));
            return new Uri(endpoints[(int)((uint)index % (uint)endpoints.Count)]);
        }

        if (LooksLikeRealHost(service) && schemes.Length == 1) return null;

        var keys = string.Join(" or ", schemes.Select(s => $"'services:{service}:{s}:0'"));
        throw new InvalidOperationException(
            $"Service discovery could not resolve '{uri.GetLeftPart(UriPartial.Authority)}': no endpoint is configured. " +
            $"Set {keys} (environment variable services__{service}__{schemes[0]}__0) to the service's URL.");
    }

    private List<string> Endpoints(string service, string scheme)
    {
        var section = configuration.GetSection("services").GetSection(service).GetSection(scheme);
        if (!string.IsNullOrWhiteSpace(section.Value)) return [section.Value];

        return section.GetChildren()
            .Select(c => (Order: int.TryParse(c.Key, out var i) ? i : int.MaxValue, c.Value))
            .Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .OrderBy(c => c.Order)
            .Select(c => c.Value!)
            .ToList();
    }

    private static bool LooksLikeRealHost(string host) =>
        host.Contains('.') || host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || IPAddress.TryParse(host, out _);
}
