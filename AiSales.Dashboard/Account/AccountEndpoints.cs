using AiSales.Core.Persistence.Entities;
using AiSales.Dashboard.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace AiSales.Dashboard.Account;

/// <summary>
/// Plain form posts (antiforgery-checked) for everything that sets cookies: a Blazor circuit cannot write
/// cookies, and login must work with no circuit at all.
/// </summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app)
    {
        var account = app.MapGroup("/account");

        account.MapPost("/login", async ([FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl,
            [FromForm] bool? rememberMe, HttpContext context, UniformPasswordCheck check, LoginFailures failures,
            SignInManager<AppUser> signIn, TimeProvider time, ILogger<SignInManager<AppUser>> logger) =>
        {
            // Known and unknown emails, wrong passwords and locked accounts all get the same answers.
            if (failures.IsThrottled(email, context))
            {
                logger.LogInformation("Dashboard sign-in throttled");
                return Results.Redirect(LoginThrottling.ThrottledRedirect);
            }
            var user = await check.CheckAsync(email, password);
            if (user is null)
            {
                failures.Record(email, context);
                logger.LogInformation("Dashboard sign-in failed");
                return Results.Redirect($"/account/login?error=failed&returnUrl={Uri.EscapeDataString(SafeReturnUrl(returnUrl))}");
            }
            // Persistent cookie only when the merchant asks; otherwise it ends with the browser (and after
            // SessionLifetime.Default idle on the server).
            var remember = rememberMe == true;
            await signIn.SignInAsync(user, new AuthenticationProperties
            {
                IsPersistent = remember,
                ExpiresUtc = remember ? time.GetUtcNow() + SessionLifetime.RememberMe : null,
            }, "pwd");
            logger.LogInformation("Dashboard sign-in succeeded");
            return Results.LocalRedirect(SafeReturnUrl(returnUrl));
        }).AllowAnonymous().RequireRateLimiting(LoginThrottling.Policy);

        account.MapPost("/logout", async (HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signIn) =>
        {
            // No form parameters, so the framework would not check the token here: a cross-site post could sign
            // the merchant out. Without a valid token nothing happens.
            if (!await antiforgery.IsRequestValidAsync(context)) return Results.Redirect("/");
            // Also deletes the server-side session (RedisTicketStore): a copy of the cookie is dead too.
            await signIn.SignOutAsync();
            return Results.Redirect("/account/login");
        });

        account.MapPost("/switch-merchant", async ([FromForm] Guid merchantId, HttpContext context,
            SignInManager<AppUser> signIn, UserManager<AppUser> users) =>
        {
            var user = await users.GetUserAsync(context.User);
            if (user is null) return Results.Redirect("/account/login");
            // The claims factory only honours it when it is one of the user's memberships.
            context.Items[DashboardClaimsFactory.RequestedMerchantItem] = merchantId;
            await signIn.RefreshSignInAsync(user);
            return Results.Redirect("/");
        }).RequireAuthorization();

        app.MapPost("/preferences/language", ([FromForm] string language, [FromForm] string? returnUrl, HttpContext context) =>
        {
            var culture = language == "en" ? "en" : "ar";
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(SafeReturnUrl(returnUrl));
        }).AllowAnonymous();

        app.MapPost("/preferences/digits", ([FromForm] string digits, [FromForm] string? returnUrl, HttpContext context) =>
        {
            context.Response.Cookies.Append(UiPrefs.DigitsCookie, digits == "arab" ? "arab" : "latn",
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(SafeReturnUrl(returnUrl));
        }).AllowAnonymous();
    }

    private static string SafeReturnUrl(string? url) => LocalReturnUrl.OrFallback(url);
}
