using System.Security.Cryptography;

namespace AiSales.Dashboard.Channels;

/// <summary>GET /channels/oauth/start: a fresh CSRF state in a short-lived cookie, then off to the Facebook Login dialog.</summary>
public static class ChannelEndpoints
{
    public const string StateCookie = "aisales.oauth_state";
    public const string CallbackPath = "/channels/oauth/callback";

    public static IEndpointRouteBuilder MapChannelEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/channels/oauth/start", (HttpContext http, MetaOAuthClient meta) =>
        {
            if (!meta.Configured) return Results.Redirect("/channels?oauth=unconfigured");
            var state = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            http.Response.Cookies.Append(StateCookie, state, new CookieOptions
            {
                HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromMinutes(10), Path = "/channels",
            });
            return Results.Redirect(meta.DialogUrl(CallbackUri(http), state));
        }).RequireAuthorization();
        return app;
    }

    public static string CallbackUri(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{CallbackPath}";
}
