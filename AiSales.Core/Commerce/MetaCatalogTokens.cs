using System.Security.Cryptography;
using AiSales.Core.Security;
using Npgsql;

namespace AiSales.Core.Commerce;

/// <summary>A merchant's Meta catalog connection, decrypted for use (never for display). Token null: none usable.</summary>
public sealed record MetaCatalogConnection(Guid MerchantId, string CatalogId, string? Token, CatalogShop Shop, string Status)
{
    public override string ToString() => $"MetaCatalogConnection {{ MerchantId = {MerchantId}, CatalogId = {CatalogId}, Token = *** }}";
}

/// <summary>
/// Reads meta_catalogs for the Worker (service role, no tenant) and picks the token: the linked channel's (a WhatsApp
/// system-user token usually carries catalog_management too), else the one entered for the catalog.
/// </summary>
public sealed class MetaCatalogTokens(NpgsqlDataSource dataSource, TokenProtector protector)
{
    private const string LoadSql = """
        SELECT c.catalog_id, coalesce(a.access_token_encrypted, c.access_token_encrypted), c.shop_url, coalesce(nullif(c.brand, ''), m.name), c.status
        FROM meta_catalogs c JOIN merchants m ON m.id = c.merchant_id
        LEFT JOIN channel_accounts a ON a.id = c.channel_account_id AND a.merchant_id = c.merchant_id AND a.provider = 'meta'
        WHERE c.merchant_id = $1
        """;

    /// <summary>Null when the merchant has no Meta catalog connected.</summary>
    public async Task<MetaCatalogConnection?> LoadAsync(Guid merchantId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(LoadSql);
        cmd.Parameters.Add(new() { Value = merchantId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        string? token = null;
        if (!r.IsDBNull(1))
        {
            try { token = protector.Unprotect((byte[])r[1]); }
            catch (CryptographicException) { token = null; } // written under a key we no longer have: only a new token helps
        }
        return new MetaCatalogConnection(merchantId, r.GetString(0), string.IsNullOrEmpty(token) ? null : token,
            new CatalogShop(r.GetString(2), r.GetString(3)), r.GetString(4));
    }
}
