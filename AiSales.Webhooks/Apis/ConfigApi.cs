using AiSales.Core.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiSales.Webhooks.Apis;

/// <summary>GET /api/config/validate: each required setting and dependency as {name, ok, detail}; secrets by presence and length only.</summary>
public static class ConfigApi
{
    public sealed record ConfigReport(bool Ok, IReadOnlyList<ConfigCheck> Checks);

    public static RouteGroupBuilder MapConfigApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/config").WithTags("Operations").RequireOpsKey();
        api.MapGet("/validate", ValidateAsync).WithName("ValidateConfig");
        return api;
    }

    // Always 200: the report itself says what is wrong; a 5xx would hide the details behind the proxy.
    public static async Task<Ok<ConfigReport>> ValidateAsync(ConfigValidator validator, CancellationToken ct)
    {
        var checks = await validator.ValidateAsync(ct);
        return TypedResults.Ok(new ConfigReport(checks.All(c => c.Ok), checks));
    }
}
