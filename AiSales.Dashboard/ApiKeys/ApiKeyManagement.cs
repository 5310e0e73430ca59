using AiSales.Core.Audit;
using AiSales.Core.Tenancy;

namespace AiSales.Dashboard.ApiKeys;

/// <summary>
/// The API keys page's actions for the current merchant, each audited. Callers are behind
/// <see cref="MerchantOwnerPolicy"/>. The key rows are written by <see cref="ApiKeyService"/> on its own connection, so
/// the audit row follows in a second step (after the change, so nothing is recorded that did not happen).
/// </summary>
public sealed class ApiKeyManagement(ApiKeyService keys, MerchantData data, ICurrentMerchant current)
{
    public const int MaxNameLength = 100;

    public Task<IReadOnlyList<ApiKeySummary>> ListAsync(CancellationToken ct = default) =>
        keys.ListAsync(current.RequireMerchantId(), ct);

    /// <summary>The new key (its plaintext is shown once), or null when the name is empty or too long.</summary>
    public async Task<CreatedApiKey?> CreateAsync(string? name, CancellationToken ct = default)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength) return null;
        var merchantId = current.RequireMerchantId();
        var key = await keys.CreateAsync(merchantId, name, $"user:{current.UserId}", ct);
        await AuditAsync(AuditActions.ApiKeyCreated, key.Id, new { name = key.Name, prefix = key.Prefix }, ct);
        return key;
    }

    /// <summary>False when the key is not this merchant's or already revoked.</summary>
    public async Task<bool> RevokeAsync(Guid keyId, CancellationToken ct = default)
    {
        if (!await keys.RevokeAsync(current.RequireMerchantId(), keyId, ct)) return false;
        await AuditAsync(AuditActions.ApiKeyRevoked, keyId, null, ct);
        return true;
    }

    private Task AuditAsync(string action, Guid keyId, object? details, CancellationToken ct) =>
        data.RunAsync((db, merchantId) => new AuditLog(db).RecordAsync(merchantId, current.UserId, action, "api_key", keyId.ToString(), details, ct), ct);
}
