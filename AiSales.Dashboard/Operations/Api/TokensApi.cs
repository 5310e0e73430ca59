using AiSales.Core.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiSales.Dashboard.Operations.Api;

/// <summary>
/// Key rotation's operator trigger: after a new Security:EncryptionKey is deployed (old one in
/// Security:PreviousEncryptionKeys), re-encrypt every channel token still under an old key (docs/SECURITY.md).
/// </summary>
public static class TokensApi
{
    internal static RouteGroupBuilder MapTokensApi(this RouteGroupBuilder ops)
    {
        ops.MapPost("/api/tokens/reencrypt", ReencryptAsync).WithName("ReencryptTokens");
        return ops;
    }

    public static async Task<Results<Ok<ReencryptionReport>, ProblemHttpResult>> ReencryptAsync(IServiceProvider services, ILogger<TokenReencryption> logger,
        int batchSize = 100, CancellationToken ct = default)
    {
        // TokenProtector is registered only when an encryption key is configured (Program.cs): without one there is
        // nothing to re-encrypt with, and TokenReencryption (which needs it) cannot be made.
        if (services.GetService<TokenProtector>() is null)
            return TypedResults.Problem(detail: "Security:EncryptionKey is not configured for this service.", statusCode: StatusCodes.Status503ServiceUnavailable);
        if (batchSize is < 1 or > 1000)
            return TypedResults.Problem(detail: "batchSize must be between 1 and 1000.", statusCode: StatusCodes.Status400BadRequest);

        var job = services.GetRequiredService<TokenReencryption>();
        // Counted before the run: afterwards every re-encrypted row is "current" too.
        var alreadyCurrent = await job.CountCurrentAsync(ct);
        var result = await job.RunAsync(batchSize, ct);
        var stillStale = await job.CountStaleAsync(ct);
        logger.LogInformation("Token re-encryption run by an operator: {Reencrypted} re-encrypted, {Failed} failed, {StillStale} still stale",
            result.Reencrypted, result.Failed, stillStale);
        return TypedResults.Ok(new ReencryptionReport(result.Reencrypted, alreadyCurrent, result.Skipped, result.Failed, stillStale));
    }
}
