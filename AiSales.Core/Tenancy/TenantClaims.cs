namespace AiSales.Core.Tenancy;

/// <summary>Claim types the dashboard puts in its auth cookie.</summary>
public static class TenantClaims
{
    /// <summary>The active merchant (one claim).</summary>
    public const string MerchantId = "merchant_id";
    /// <summary>Every membership, one claim each, so switching needs no database round trip to list them.</summary>
    public const string Membership = "merchant_member";
    /// <summary>"true" for operators (users.is_platform_admin).</summary>
    public const string PlatformAdmin = "platform_admin";
    /// <summary>Policy name guarding the Operations pages.</summary>
    public const string PlatformAdminPolicy = "PlatformAdmin";
}
