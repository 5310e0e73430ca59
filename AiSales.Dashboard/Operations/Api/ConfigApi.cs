using AiSales.Core.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiSales.Dashboard.Operations.Api;

/// <summary>
/// GET /ops/api/config/validate: each required setting and dependency of this service as {name, ok, detail}; secrets by
/// presence and length only. The AppHost gives every service the same secrets, so this also tells whether a deploy has them.
/// </summary>
public static class ConfigApi
{
    internal static RouteGroupBuilder MapConfigApi(this RouteGroupBuilder ops)
    {
        ops.MapGet("/api/config/validate", ValidateAsync).WithName("ValidateConfig");
        return ops;
    }

    // Always 200: the report itself says what is wrong; a 5xx would hide the details behind the proxy.
    public static async Task<Ok<ConfigReport>> ValidateAsync(ConfigValidator validator, CancellationToken ct)
    {
        var checks = await validator.ValidateAsync(ct);
        return TypedResults.Ok(new ConfigReport(checks.All(c => c.Ok), checks));
    }
}
