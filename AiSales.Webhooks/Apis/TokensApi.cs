using AiSales.Core.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiSales.Webhooks.Apis;

/// <summary>
/// Key rotation's operator trigger: after a new Security:EncryptionKey is deployed (old one in
/// Security:PreviousEncryptionKeys), re-encrypt every channel token still under an old key (docs/SECURITY.md).
/// </summary>
public static class TokensApi
{
    public sealed record ReencryptionReport(int Reencrypted, long AlreadyCurrent, int ChangedMeanwhile, int Failed, long StillStale);

    public static RouteGroupBuilder MapTokensApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tokens").WithTags("Operations").RequireOpsKey();
        api.MapPost("/reencrypt", ReencryptAsync).WithName("ReencryptTokens");
        return api;
    }

    public static async Task<Results<Ok<ReencryptionReport>, ProblemHttpResult>> ReencryptAsync(IServiceProvider services, ILogger<TokenReencryption> logger,
        int batchSize = 100, CancellationToken ct = default)
    {
        // Registered only when an encryption key is configured: without one there is nothing to re-encrypt with.
        if (services.GetService<TokenReencryption>() is not { } job)
            return TypedResults.Problem(detail: "Security:EncryptionKey is not configured for this service.", statusCode: StatusCodes.Status503ServiceUnavailable);
        if (batchSize is < 1 or > 1000)
            return TypedResults.Problem(detail: "batchSize must be between 1 and 1000.", statusCode: StatusCodes.Status400BadRequest);

        // Counted before the run: afterwards every re-encrypted row is "current" too.
        var alreadyCurrent = await job.CountCurrentAsync(ct);
        var result = await job.RunAsync(batchSize, ct);
        var stillStale = await job.CountStaleAsync(ct);
        logger.LogInformation("Token re-encryption run by an operator: {Reencrypted} re-encrypted, {Failed} failed, {StillStale} still stale",
            result.Reencrypted, result.Failed, stillStale);
        return TypedResults.Ok(new ReencryptionReport(result.Reencrypted, alreadyCurrent, result.Skipped, result.Failed, stillStale));
    }
}
