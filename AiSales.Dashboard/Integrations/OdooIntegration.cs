using System.Security.Cryptography;
using System.Text.Json;
using AiSales.Core.Crm.Odoo;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Security;
using AiSales.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Dashboard.Integrations;

/// <summary>What the merchant typed in the connection form. An empty key keeps the stored one.</summary>
public sealed record OdooForm(string? Url, string? Database, string? Username, string? ApiKey);

/// <summary>The Integrations page's view of the merchant's Odoo (never the key or the secret).</summary>
public sealed record OdooView(
    bool Connected, string? Url, string? Database, string? Username, string? Version, IReadOnlyDictionary<string, long> StageMap,
    IReadOnlyList<OdooStage> Stages, string WebhookUrl, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<OdooFailure> Failures,
    IReadOnlyList<OdooDeliveryLine> Deliveries);

public sealed record OdooFailure(long Id, string Kind, Guid EntityId, string? Label, int Attempts, string? Error, DateTimeOffset UpdatedAt);

public sealed record OdooDeliveryLine(long Id, string? Model, long? RecordId, DateTimeOffset ReceivedAt, string? Outcome, string? Detail);

/// <summary>Saving: the test's result, and the webhook secret when it was just made (shown once).</summary>
public sealed record OdooSaveResult(OdooTestResult Test, string? NewWebhookSecret);

/// <summary>
/// The Integrations page's actions on the current merchant's Odoo, through <see cref="MerchantData"/> (row-level
/// security). A connection is saved only after it passes the test; the API key and the webhook secret are encrypted
/// with <see cref="TokenProtector"/> and never read back into a page (the secret is shown once, when made).
/// </summary>
public sealed class OdooIntegration(MerchantData data, ICurrentMerchant current, OdooConnectionTester tester, IConfiguration configuration,
    ILogger<OdooIntegration> logger, TokenProtector? protector = null)
{
    /// <summary>Failed rows back to pending, due now (one row, or all when $2 is null); the Worker's scheduler queues them.</summary>
    public const string RetrySql = """
        UPDATE odoo_sync SET state = 'pending', attempts = 0, next_attempt_at = now(), queued_at = NULL, locked_until = NULL,
            last_error = NULL, updated_at = now()
        WHERE merchant_id = $1 AND state = 'failed' AND ($2::bigint IS NULL OR id = $2)
        """;

    public bool CanStoreSecrets => protector is not null;

    public Task<OdooView> LoadAsync(CancellationToken ct = default) => data.RunAsync(async (db, merchantId) =>
    {
        var c = await db.OdooConnections.AsNoTracking().FirstOrDefaultAsync(x => x.MerchantId == merchantId, ct);
        var counts = await db.OdooSync.AsNoTracking().Where(s => s.MerchantId == merchantId).GroupBy(s => s.State)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var failed = await db.OdooSync.AsNoTracking().Where(s => s.MerchantId == merchantId && (s.State == "failed" || s.LastError != null))
            .OrderByDescending(s => s.UpdatedAt).Take(50).ToListAsync(ct);
        var ids = failed.Select(f => f.EntityId).ToList();
        var names = await db.Contacts.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, Name = x.DisplayName ?? x.Username ?? x.Phone ?? x.ExternalId })
            .ToDictionaryAsync(x => x.Id, x => (string?)x.Name, ct);
        foreach (var o in await db.Orders.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.Number }).ToListAsync(ct))
            names[o.Id] = $"#{o.Number}";
        var deliveries = await db.OdooWebhookDeliveries.AsNoTracking().Where(d => d.MerchantId == merchantId).OrderByDescending(d => d.Id).Take(10)
            .Select(d => new OdooDeliveryLine(d.Id, d.Model, d.RecordId, d.ReceivedAt, d.Outcome, d.Detail)).ToListAsync(ct);
        return new OdooView(c is not null, c?.Url, c?.Database, c?.Username, c?.OdooVersion, OdooStageMap.Parse(c?.StageMap).Entries,
            OdooStageMap.ParseStages(c?.OdooStages), WebhookUrl(merchantId), counts,
            [.. failed.Select(f => new OdooFailure(f.Id, f.Kind, f.EntityId, names.GetValueOrDefault(f.EntityId), f.Attempts, f.LastError, f.UpdatedAt))],
            deliveries);
    }, ct);

    /// <summary>Tests what was typed (the stored key when none was).</summary>
    public async Task<OdooTestResult> TestAsync(OdooForm form, CancellationToken ct = default)
    {
        var endpoint = await EndpointAsync(form, ct);
        if (endpoint is null) return new(OdooProblem.BadLogin, "URL, database, user and API key are all needed.", null, []);
        var result = await tester.TestAsync(endpoint, ct);
        logger.LogInformation("Odoo connection test for merchant {MerchantId} at {OdooUrl}: {Outcome}", current.MerchantId, endpoint.Url,
            result.Problem?.ToString() ?? "ok");
        return result;
    }

    /// <summary>Tests, then saves (first save: makes the webhook secret and maps new/won to Odoo's first and won stages).</summary>
    public async Task<OdooSaveResult> SaveAsync(OdooForm form, CancellationToken ct = default)
    {
        if (protector is null) return new(new(OdooProblem.ServerError, "Security:EncryptionKey is not configured.", null, []), null);
        var endpoint = await EndpointAsync(form, ct);
        if (endpoint is null) return new(new(OdooProblem.BadLogin, "URL, database, user and API key are all needed.", null, []), null);
        var test = await tester.TestAsync(endpoint, ct);
        if (!test.Ok) return new(test, null);
        var stages = JsonSerializer.Serialize(test.Stages);
        var newSecret = await data.RunAsync(async (db, merchantId) =>
        {
            var c = await db.OdooConnections.FirstOrDefaultAsync(x => x.MerchantId == merchantId, ct);
            string? secret = null;
            if (c is null)
            {
                secret = NewSecret();
                c = new OdooConnection { MerchantId = merchantId, WebhookSecretEncrypted = protector.Protect(secret), StageMap = DefaultMap(test.Stages).ToJson() };
                db.OdooConnections.Add(c);
            }
            var url = OdooRpcClient.NormalizeUrl(endpoint.Url);
            if (secret is null && (!string.Equals(c.Url, url, StringComparison.OrdinalIgnoreCase) || c.Database != endpoint.Database))
                // Another Odoo: the ids we know belong to the old one. Everything goes again (found by our reference if
                // this Odoo has it already, created otherwise).
                await db.OdooSync.Where(x => x.MerchantId == merchantId).ExecuteUpdateAsync(u => u
                    .SetProperty(x => x.OdooId, (long?)null).SetProperty(x => x.OdooPartnerId, (long?)null)
                    .SetProperty(x => x.State, "pending").SetProperty(x => x.Attempts, 0).SetProperty(x => x.LastError, (string?)null)
                    .SetProperty(x => x.Version, x => x.Version + 1).SetProperty(x => x.NextAttemptAt, DateTimeOffset.UtcNow), ct);
            c.Url = url;
            c.Database = endpoint.Database;
            c.Username = endpoint.Username;
            c.ApiKeyEncrypted = protector.Protect(endpoint.ApiKey);
            c.OdooStages = stages;
            c.OdooVersion = test.Version;
            c.UpdatedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync(ct);
            return secret;
        }, ct);
        logger.LogInformation("Odoo connection saved for merchant {MerchantId} ({OdooUrl}, {StageCount} stages)", current.MerchantId, endpoint.Url, test.Stages.Count);
        return new(test, newSecret);
    }

    /// <summary>Keeps the AiSales stages mapped to an Odoo stage the merchant's Odoo has; the others are not moved.</summary>
    public Task<bool> SaveStageMapAsync(IReadOnlyDictionary<string, long> map, CancellationToken ct = default) => data.RunAsync(async (db, merchantId) =>
    {
        var c = await db.OdooConnections.FirstOrDefaultAsync(x => x.MerchantId == merchantId, ct);
        if (c is null) return false;
        var known = OdooStageMap.ParseStages(c.OdooStages).Select(s => s.Id).ToHashSet();
        c.StageMap = new OdooStageMap(map.Where(kv => known.Contains(kv.Value)).ToDictionary()).ToJson();
        c.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return true;
    }, ct);

    /// <summary>A new webhook secret (the old URL stops working); returned once for the Odoo automation's URL.</summary>
    public Task<string?> RotateSecretAsync(CancellationToken ct = default) => data.RunAsync(async (db, merchantId) =>
    {
        var c = await db.OdooConnections.FirstOrDefaultAsync(x => x.MerchantId == merchantId, ct);
        if (c is null || protector is null) return null;
        var secret = NewSecret();
        c.WebhookSecretEncrypted = protector.Protect(secret);
        c.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return secret;
    }, ct);

    public Task<int> RetryAsync(long? syncId, CancellationToken ct = default) =>
        data.RunAsync((db, merchantId) => db.Database.ExecuteSqlRawAsync(RetrySql.Replace("$1", "{0}").Replace("$2", "{1}"),
            [merchantId, new Npgsql.NpgsqlParameter { Value = syncId.HasValue ? syncId.Value : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint }], ct), ct);

    /// <summary>Forgets the connection; the id mapping stays, so reconnecting the same Odoo updates the same records.</summary>
    public Task DisconnectAsync(CancellationToken ct = default) =>
        data.RunAsync((db, merchantId) => db.OdooConnections.Where(x => x.MerchantId == merchantId).ExecuteDeleteAsync(ct), ct);

    public string WebhookUrl(Guid merchantId)
    {
        var baseUrl = configuration["Odoo:WebhookBaseUrl"] ?? configuration["services:webhooks:https:0"] ?? configuration["services:webhooks:http:0"]
            ?? "https://webhooks.example";
        return $"{baseUrl.TrimEnd('/')}/webhooks/odoo/{merchantId}";
    }

    private async Task<OdooEndpoint?> EndpointAsync(OdooForm form, CancellationToken ct)
    {
        var key = form.ApiKey?.Trim();
        if (string.IsNullOrEmpty(key) && protector is not null)
        {
            var stored = await data.RunAsync((db, merchantId) => db.OdooConnections.AsNoTracking().Where(x => x.MerchantId == merchantId)
                .Select(x => x.ApiKeyEncrypted).FirstOrDefaultAsync(ct), ct);
            try { key = stored is null ? null : protector.Unprotect(stored); }
            catch (CryptographicException) { key = null; }
        }
        if (string.IsNullOrWhiteSpace(form.Url) || string.IsNullOrWhiteSpace(form.Database) || string.IsNullOrWhiteSpace(form.Username) || string.IsNullOrEmpty(key))
            return null;
        return new OdooEndpoint(form.Url.Trim(), form.Database.Trim(), form.Username.Trim(), key);
    }

    /// <summary>
    /// A first map the merchant can change: Odoo's open stages in pipeline order take new, interested and ordering
    /// (Odoo's default pipeline New, Qualified, Proposition fits that), its won stage takes won; engaged and lost stay
    /// unmapped (engaged does not move the lead in Odoo; Odoo's lost is an archive, not a stage).
    /// </summary>
    public static OdooStageMap DefaultMap(IReadOnlyList<OdooStage> stages)
    {
        var map = new Dictionary<string, long>();
        var open = stages.Where(s => !s.IsWon).ToList();
        foreach (var (stage, i) in new[] { ("new", 0), ("interested", 1), ("ordering", 2) })
            if (i < open.Count) map[stage] = open[i].Id;
        if (stages.FirstOrDefault(s => s.IsWon) is { } won) map["won"] = won.Id;
        return new OdooStageMap(map);
    }

    private static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
