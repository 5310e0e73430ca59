namespace AiSales.Core.Tenancy;

/// <summary>
/// The tenant of the current request or Blazor circuit: the signed-in user's active membership
/// (claim <see cref="TenantClaims.MerchantId"/>). Empty for anonymous users and for hosts without a tenant
/// (Worker, Webhooks), which is why merchant-scoped code asks for <see cref="RequireMerchantId"/>.
/// </summary>
public interface ICurrentMerchant
{
    Guid? MerchantId { get; }
    Guid? UserId { get; }
    /// <summary>Every merchant the user may switch to.</summary>
    IReadOnlyList<Guid> Memberships { get; }
    bool IsPlatformAdmin { get; }

    /// <summary>The active merchant, or <see cref="NoTenantException"/> (mapped to 404/redirect by the host).</summary>
    Guid RequireMerchantId();
}

public sealed class NoTenantException() : InvalidOperationException("No merchant is selected for this user.");
