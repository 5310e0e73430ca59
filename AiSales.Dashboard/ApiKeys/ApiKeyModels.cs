namespace AiSales.Dashboard.ApiKeys;

/// <summary>Returned once by <see cref="ApiKeyService.CreateAsync"/>: <see cref="Plaintext"/> is never retrievable again.</summary>
public sealed record CreatedApiKey(Guid Id, string Name, string Prefix, string Plaintext, DateTimeOffset CreatedAt);

/// <summary>A key as listed in settings (no secret, no hash).</summary>
public sealed record ApiKeySummary(
    Guid Id, string Name, string Prefix, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public bool IsActive => RevokedAt is null;
}

/// <summary>Who a valid key speaks for.</summary>
public sealed record ApiKeyIdentity(Guid KeyId, Guid MerchantId, string Prefix);
