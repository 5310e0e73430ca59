using AiSales.Core.Persistence.Entities;
using AiSales.Dashboard.Localization;
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
            SignInManager<AppUser> signIn, UserManager<AppUser> users, ILogger<SignInManager<AppUser>> logger) =>
        {
            // Sign in by email (the user name may differ); an unknown email fails exactly like a wrong password.
            var user = await users.FindByEmailAsync(email.Trim());
            var result = user is null
                ? Microsoft.AspNetCore.Identity.SignInResult.Failed
                : await signIn.PasswordSignInAsync(user, password, isPersistent: true, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                logger.LogInformation("Dashboard sign-in succeeded");
                return Results.LocalRedirect(SafeReturnUrl(returnUrl));
            }
            var error = result.IsLockedOut ? "locked" : "failed";
            logger.LogInformation("Dashboard sign-in {Outcome}", error);
            return Results.Redirect($"/account/login?error={error}&returnUrl={Uri.EscapeDataString(SafeReturnUrl(returnUrl))}");
        }).AllowAnonymous();

        account.MapPost("/logout", async (SignInManager<AppUser> signIn) =>
        {
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
