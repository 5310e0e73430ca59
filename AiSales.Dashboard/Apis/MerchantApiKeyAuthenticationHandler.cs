using System.Security.Claims;
using System.Text.Encodings.Web;
using AiSales.Dashboard.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AiSales.Dashboard.Apis;

/// <summary>Claim types a Merchant API principal carries.</summary>
public static class MerchantApiClaims
{
    public const string MerchantId = "merchant_id";
    public const string ApiKeyId = "api_key_id";
    public const string ApiKeyPrefix = "api_key_prefix";
}

/// <summary>
/// Scheme "MerchantApiKey": a key in <c>Authorization: Bearer ask_...</c> or <c>X-Api-Key</c>. The principal
/// carries merchant_id, which every Merchant API query is scoped by. Failures answer 401 with a problem body
/// (a body also keeps the dashboard's status-code pages from replacing the answer with HTML).
/// </summary>
public sealed class MerchantApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "MerchantApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey();
        if (presented is null)
            return AuthenticateResult.NoResult();

        var identity = await keys.AuthenticateAsync(presented, Context.RequestAborted);
        if (identity is null)
        {
            // Never log the key; the prefix alone (if it parses) is enough to trace which key was tried.
            Logger.LogInformation("Merchant API key rejected (prefix {ApiKeyPrefix})",
                ApiKeyFormat.TryParse(presented, out var prefix, out _) ? prefix : "malformed");
            return AuthenticateResult.Fail("Invalid, unknown or revoked API key.");
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(MerchantApiClaims.MerchantId, identity.MerchantId.ToString()),
            new Claim(MerchantApiClaims.ApiKeyId, identity.KeyId.ToString()),
            new Claim(MerchantApiClaims.ApiKeyPrefix, identity.Prefix),
            new Claim(ClaimTypes.Name, $"api:{identity.Prefix}"),
        ], SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private string? PresentedKey()
    {
        var header = Request.Headers[HeaderName].ToString();
        if (!string.IsNullOrWhiteSpace(header))
            return header.Trim();
        var authorization = Request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"aisales-merchant-api\"";
        await Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized",
            detail: "Send a valid API key as 'Authorization: Bearer ask_...' or 'X-Api-Key: ask_...'.").ExecuteAsync(Context);
    }
}
