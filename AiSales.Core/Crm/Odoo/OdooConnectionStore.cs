using System.Security.Cryptography;
using AiSales.Core.Security;
using Npgsql;

namespace AiSales.Core.Crm.Odoo;

/// <summary>A merchant's Odoo connection, decrypted for use (never for display).</summary>
public sealed record OdooSettings(Guid MerchantId, OdooEndpoint Endpoint, OdooStageMap StageMap, IReadOnlyList<OdooStage> Stages, string WebhookSecret);

/// <summary>Reads odoo_connections for the Worker and Webhooks (service role, no tenant).</summary>
public sealed class OdooConnectionStore(NpgsqlDataSource dataSource, TokenProtector protector)
{
    private const string LoadSql = """
        SELECT url, database, username, api_key_encrypted, webhook_secret_encrypted, stage_map::text, odoo_stages::text
        FROM odoo_connections WHERE merchant_id = $1
        """;

    /// <summary>Null when the merchant has no Odoo connected.</summary>
    /// <exception cref="CryptographicException">The stored secrets cannot be opened with the configured keys.</exception>
    public async Task<OdooSettings?> LoadAsync(Guid merchantId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(LoadSql);
        cmd.Parameters.Add(new() { Value = merchantId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var endpoint = new OdooEndpoint(r.GetString(0), r.GetString(1), r.GetString(2), protector.Unprotect((byte[])r[3]));
        return new OdooSettings(merchantId, endpoint, OdooStageMap.Parse(r.GetString(5)), OdooStageMap.ParseStages(r.GetString(6)),
            protector.Unprotect((byte[])r[4]));
    }
}
