using System.Security.Claims;

namespace AiSales.Core.Tenancy;

/// <summary>
/// Scoped holder filled once per request (middleware) or per circuit (circuit handler) from the user's claims.
/// The active merchant must also be one of the memberships: a forged or stale claim yields no tenant.
/// </summary>
public sealed class CurrentMerchant : ICurrentMerchant
{
    public Guid? MerchantId { get; private set; }
    public Guid? UserId { get; private set; }
    public IReadOnlyList<Guid> Memberships { get; private set; } = [];
    public bool IsPlatformAdmin { get; private set; }

    public Guid RequireMerchantId() => MerchantId ?? throw new NoTenantException();

    public void Initialize(ClaimsPrincipal? user)
    {
        MerchantId = null;
        UserId = null;
        Memberships = [];
        IsPlatformAdmin = false;
        if (user?.Identity?.IsAuthenticated != true)
            return;

        UserId = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var uid) ? uid : null;
        Memberships = user.FindAll(TenantClaims.Membership)
            .Select(c => Guid.TryParse(c.Value, out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty)
            .Distinct()
            .ToList();
        IsPlatformAdmin = user.HasClaim(TenantClaims.PlatformAdmin, "true");
        if (Guid.TryParse(user.FindFirstValue(TenantClaims.MerchantId), out var active) && Memberships.Contains(active))
            MerchantId = active;
    }

    /// <summary>For hosts and tests that pick the tenant explicitly.</summary>
    public void Set(Guid merchantId, Guid? userId)
    {
        MerchantId = merchantId;
        UserId = userId;
        Memberships = [merchantId];
    }
}
