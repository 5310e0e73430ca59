using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending.Templates;
using AiSales.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Dashboard.Templates;

/// <summary>One WhatsApp number on the Templates page: its templates as last listed and what each event uses.</summary>
public sealed record TemplateNumber(Guid AccountId, string Name, bool Sandbox, string? WabaId, DateTimeOffset? SyncedAt,
    IReadOnlyList<WhatsAppTemplateRow> Templates, IReadOnlyDictionary<string, TemplateUse> Uses)
{
    public bool CanList => Sandbox || WabaId is not null;

    public WhatsAppTemplateRow? TemplateOf(TemplateUse use) =>
        Templates.FirstOrDefault(t => t.Name == use.TemplateName && t.Language == use.TemplateLanguage);
}

/// <summary>
/// The Templates page's reads and actions for the current merchant (row-level security through <see cref="MerchantData"/>;
/// the writes are <see cref="TemplateStore"/>'s).
/// </summary>
public sealed class TemplatesPageData(MerchantData data, ICurrentMerchant current, TemplateStore store)
{
    public Task<List<TemplateNumber>> LoadAsync(CancellationToken ct = default) => data.RunAsync(async (db, merchantId) =>
    {
        var accounts = await db.ChannelAccounts.AsNoTracking()
            .Where(a => a.MerchantId == merchantId && a.Platform == ChannelPlatform.WhatsApp && a.Status != ChannelStatus.Disabled)
            .OrderBy(a => a.CreatedAt).ToListAsync(ct);
        var templates = await db.WhatsAppTemplates.AsNoTracking().Where(t => t.MerchantId == merchantId)
            .OrderBy(t => t.Name).ThenBy(t => t.Language).ToListAsync(ct);
        var uses = await db.TemplateUses.AsNoTracking().Where(u => u.MerchantId == merchantId).ToListAsync(ct);
        return accounts.Select(a =>
        {
            var mine = templates.Where(t => t.ChannelAccountId == a.Id).ToList();
            return new TemplateNumber(a.Id, a.DisplayName ?? a.ExternalId, a.Provider == ChannelProvider.Sandbox, TemplateStore.WabaId(a),
                mine.Count == 0 ? null : mine.Max(t => t.SyncedAt), mine,
                uses.Where(u => u.ChannelAccountId == a.Id).ToDictionary(u => u.Event));
        }).ToList();
    }, ct);

    public Task<TemplateSyncResult> RefreshAsync(Guid accountId, CancellationToken ct = default) =>
        store.RefreshAsync(current.RequireMerchantId(), accountId, ct);

    public Task<bool> ChooseAsync(Guid accountId, string @event, string? nameAndLanguage, IReadOnlyList<string>? fields, CancellationToken ct = default)
    {
        // The select's value is "name|language": a template is sent by both.
        var (name, language) = nameAndLanguage?.Split('|', 2) is [var n, var l] && n.Length > 0 ? (n, l) : ((string?)null, (string?)null);
        return store.ChooseAsync(current.RequireMerchantId(), current.UserId, accountId, @event, name, language, fields, ct);
    }

    public Task<bool> SetWabaIdAsync(Guid accountId, string wabaId, CancellationToken ct = default) =>
        store.SetWabaIdAsync(current.RequireMerchantId(), accountId, wabaId, ct);
}
