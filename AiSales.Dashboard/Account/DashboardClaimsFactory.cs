using System.Security.Claims;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiSales.Dashboard.Account;

/// <summary>
/// Puts the user's memberships, the active merchant and the platform-admin flag into the auth cookie, so
/// every request and circuit knows its tenant without a query. The active merchant is kept across a
/// re-issue (security stamp refresh) when it is still a membership.
/// </summary>
public sealed class DashboardClaimsFactory(
    UserManager<AppUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    IOptions<IdentityOptions> options,
    AiSalesDbContext db,
    IHttpContextAccessor http)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<Guid>>(users, roles, options)
{
    /// <summary>Set by the switch endpoint before re-signing in.</summary>
    public const string RequestedMerchantItem = "aisales.requested_merchant";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var memberships = await db.MerchantMembers.AsNoTracking()
            .Where(m => m.UserId == user.Id)
            .OrderBy(m => m.CreatedAt)
            .Select(m => m.MerchantId)
            .ToListAsync();
        foreach (var m in memberships)
            identity.AddClaim(new Claim(TenantClaims.Membership, m.ToString()));

        var context = http.HttpContext;
        Guid? wanted = context?.Items[RequestedMerchantItem] as Guid?
            ?? (Guid.TryParse(context?.User.FindFirstValue(TenantClaims.MerchantId), out var current) ? current : null);
        var active = wanted is { } w && memberships.Contains(w) ? w : memberships.FirstOrDefault();
        if (active != Guid.Empty)
            identity.AddClaim(new Claim(TenantClaims.MerchantId, active.ToString()));
        if (user.IsPlatformAdmin)
            identity.AddClaim(new Claim(TenantClaims.PlatformAdmin, "true"));
        identity.AddClaim(new Claim("preferred_language", user.PreferredLanguage));
        return identity;
    }
}
