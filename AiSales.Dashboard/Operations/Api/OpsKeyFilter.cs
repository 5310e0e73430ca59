using System.Security.Cryptography;
using System.Text;
using AiSales.Core.Operations;
using Microsoft.Extensions.Options;

namespace AiSales.Dashboard.Operations.Api;

/// <summary>
/// Rejects ops API requests without the operator key (header X-Ops-Key, constant-time compare). The key is the API's
/// only credential: a merchant's login cookie, even a platform admin's, opens nothing here.
/// </summary>
public sealed class OpsKeyFilter(IOptions<OpsOptions> options) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var given = context.HttpContext.Request.Headers[OpsOptions.HeaderName].ToString();
        var ok = given.Length > 0 && CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(options.Value.ApiKey));
        return ok ? next(context) : ValueTask.FromResult<object?>(TypedResults.Problem(
            detail: $"Missing or wrong {OpsOptions.HeaderName} header.", statusCode: StatusCodes.Status401Unauthorized));
    }
}
