using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Dashboard.ApiKeys;

/// <summary>
/// "Owner of the active merchant": merchant_members.role = owner for the signed-in user and the merchant in the cookie.
/// Read from the database on each check, not from a claim: a demotion takes effect on the next request, not when the
/// cookie is next re-issued. Guards what hands out the merchant's credentials (the API keys page and its actions).
/// </summary>
public static class MerchantOwnerPolicy
{
    public const string Name = "MerchantOwner";

    public sealed class Requirement : IAuthorizationRequirement;

    /// <summary>
    /// A DbContext of its own per check: the layout's nav link (AuthorizeView) is checked while the page renders, and
    /// the request's context must not be used by two at once. The service's own role, as Identity's queries.
    /// </summary>
    public sealed class Handler(IServiceScopeFactory scopes) : AuthorizationHandler<Requirement>
    {
        protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement)
        {
            // CurrentMerchant's own rule: the merchant claim counts only when it is one of the memberships.
            var current = new CurrentMerchant();
            current.Initialize(context.User);
            if (current is not { MerchantId: { } merchantId, UserId: { } userId }) return;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AiSalesDbContext>();
            if (await db.MerchantMembers.AsNoTracking().AnyAsync(m => m.MerchantId == merchantId && m.UserId == userId && m.Role == MemberRole.Owner))
                context.Succeed(requirement);
        }
    }
}
