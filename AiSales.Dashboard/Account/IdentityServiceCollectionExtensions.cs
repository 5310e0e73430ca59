using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Tenancy;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace AiSales.Dashboard.Account;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>Identity on the shared Postgres (users table), cookie auth with server-side sessions, password rules.</summary>
    public static IServiceCollection AddDashboardIdentity(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddCascadingAuthenticationState();
        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "aisales.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/forbidden";
            // Idle timeout of a session: sliding, renewed while the merchant works. "Remember me" signs in with a
            // longer ExpiresUtc (SessionLifetime.RememberMe) and a persistent cookie; without it the cookie dies
            // with the browser.
            o.ExpireTimeSpan = SessionLifetime.Default;
            o.SlidingExpiration = true;
        });
        // Server-side sessions: logout revokes the ticket, not just the browser's copy of the cookie.
        services.AddSingleton<ITicketStore, RedisTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<ITicketStore>((o, store) => o.SessionStore = store);
        // Identity's cookie validator compares the ticket's security stamp with the user's at this interval; a
        // password change (or UpdateSecurityStampAsync) changes the stamp, so every other session ends within a minute.
        // Each check reloads the user and rebuilds the claims (memberships), which is why it is not on every request.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = SessionLifetime.StampValidation);

        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 5;
                // Failed logins never lock an account (an anonymous caller could keep the owner out by failing on
                // purpose); LoginThrottling slows guessing per account and address instead. An administrator's lock
                // (LockoutEnd) is still honoured, and answered like a wrong password.
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<AiSalesDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<DashboardClaimsFactory>()
            .AddDefaultTokenProviders();

        services.AddScoped<UniformPasswordCheck>();

        services.AddAuthorizationBuilder()
            .AddPolicy(TenantClaims.PlatformAdminPolicy, p => p.RequireAuthenticatedUser().RequireClaim(TenantClaims.PlatformAdmin, "true"));
        return services;
    }
}
