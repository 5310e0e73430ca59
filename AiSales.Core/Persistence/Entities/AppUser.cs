using Microsoft.AspNetCore.Identity;

namespace AiSales.Core.Persistence.Entities;

/// <summary>A dashboard login. Merchant access goes through <see cref="MerchantMember"/>.</summary>
public class AppUser : IdentityUser<Guid>
{
    public string? DisplayName { get; set; }
    public string PreferredLanguage { get; set; } = "ar";
    /// <summary>Operators of the installation (ops pages, every merchant).</summary>
    public bool IsPlatformAdmin { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
