using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Proof;

/// <summary>One (method, route pattern) the running Dashboard answers, as its endpoint data source lists it.</summary>
public sealed record DashboardRoute(string Method, string Pattern, string DisplayName, bool IsStaticAsset)
{
    /// <summary>"GET /inbox/{ConversationId:guid}": the key the isolation matrix classifies.</summary>
    public string Key => $"{Method} {Pattern}";

    public bool TakesParameter => Pattern.Contains('{');
}

/// <summary>
/// Reads the routes from the app itself (every <see cref="RouteEndpoint"/> of the composite data source, one row per
/// HTTP method), so a page or endpoint added later shows up here without anyone listing it.
/// </summary>
public static partial class DashboardRoutes
{
    public static IReadOnlyList<DashboardRoute> Enumerate(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["*"])
                .Select(m => new DashboardRoute(m, Normalize(e.RoutePattern.RawText ?? ""), e.DisplayName ?? "", IsStaticAsset(e))))
            .DistinctBy(r => r.Key)
            .OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();

    /// <summary>"/api/v1/contacts/" and "api/v1/contacts" are one route: leading slash on, trailing slash off.</summary>
    private static string Normalize(string raw) => "/" + raw.Trim('/');

    // MapStaticAssets endpoints carry the asset's descriptor; matched by name so the test needs no reference to its assembly.
    private static bool IsStaticAsset(Endpoint e) => e.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor");

    /// <summary>The pattern with its one route parameter replaced by <paramref name="value"/>.</summary>
    public static string Fill(string pattern, object value)
    {
        var filled = RouteParameter().Replace(pattern, value.ToString()!, 1);
        Assert.DoesNotContain("{", filled);
        return filled;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
