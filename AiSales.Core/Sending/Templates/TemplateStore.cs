using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Core.Sending.Templates;

/// <summary>The outcome of a refresh from Meta: how many templates were read (and approved), or why none could be.</summary>
public sealed record TemplateSyncResult(int Count, int Approved, string? Problem, string? MetaMessage);

/// <summary>
/// A merchant's WhatsApp templates and the events they are chosen for: refresh the list from Meta (replacing the number's
/// rows, in one transaction), choose or clear a template for an event, and find an event's template when it fires.
/// Everything runs under the merchant's row-level security (<see cref="MerchantData"/>).
/// </summary>
public sealed class TemplateStore(MerchantData data, TemplateListClient graph, TimeProvider clock, Security.TokenProtector? protector = null)
{
    // Optional like the dashboard's other token users: without an encryption key no stored token can be read.
    private readonly ChannelCredentialsReader? credentials = protector is null ? null : new ChannelCredentialsReader(protector);

    public Task<TemplateSyncResult> RefreshAsync(Guid merchantId, Guid channelAccountId, CancellationToken ct = default) =>
        data.RunForAsync(merchantId, async (db, m) =>
        {
            var account = await db.ChannelAccounts.FirstOrDefaultAsync(a => a.Id == channelAccountId && a.MerchantId == m, ct);
            if (account is not { Platform: ChannelPlatform.WhatsApp }) return new TemplateSyncResult(0, 0, TemplateSyncProblems.NotWhatsApp, null);
            IReadOnlyList<TemplateBody.Listed> listed;
            if (account.Provider == ChannelProvider.Sandbox) listed = DemoTemplates.All;
            else
            {
                if (WabaId(account) is not { } waba) return new TemplateSyncResult(0, 0, TemplateSyncProblems.NeedsWaba, null);
                if (credentials?.Read(account.Platform, account.Provider, account.AccessTokenEncrypted, account.Settings) is not { AccessToken.Length: > 0 } creds)
                    return new TemplateSyncResult(0, 0, TemplateSyncProblems.NoToken, null);
                var listing = await graph.ListAsync(waba, creds.AccessToken, ct);
                if (!listing.Ok) return new TemplateSyncResult(0, 0, listing.Problem, listing.MetaMessage);
                listed = listing.Templates;
            }
            var now = clock.GetUtcNow();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.WhatsAppTemplates.Where(t => t.ChannelAccountId == account.Id).ExecuteDeleteAsync(ct);
            // Meta lists one row per name and language; a repeated pair (paging overlap) keeps the first.
            foreach (var t in listed.DistinctBy(t => (t.Name, t.Language)))
            {
                db.WhatsAppTemplates.Add(new WhatsAppTemplateRow
                {
                    MerchantId = m, ChannelAccountId = account.Id, MetaId = t.MetaId, Name = t.Name, Language = t.Language,
                    Category = t.Category, Status = t.Status.ToUpperInvariant(), Body = t.Body, Parameters = [.. t.Parameters],
                    NamedParameters = t.Named, NeedsOtherValues = t.NeedsOtherValues, SyncedAt = now,
                });
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new TemplateSyncResult(listed.Count, listed.Count(t => string.Equals(t.Status, WhatsAppTemplateRow.Approved, StringComparison.OrdinalIgnoreCase)), null, null);
        }, ct);

    /// <summary>Chooses <paramref name="name"/>/<paramref name="language"/> for the event, or clears the choice when name is null.</summary>
    /// <returns>False when the template is not a usable one of that number (or the event is unknown).</returns>
    public Task<bool> ChooseAsync(Guid merchantId, Guid? userId, Guid channelAccountId, string @event, string? name, string? language,
        IReadOnlyList<string>? fields, CancellationToken ct = default) =>
        data.RunForAsync(merchantId, async (db, m) =>
        {
            if (!TemplateEvents.All.Contains(@event)) return false;
            var use = await db.TemplateUses.FirstOrDefaultAsync(u => u.ChannelAccountId == channelAccountId && u.Event == @event, ct);
            if (name is null)
            {
                if (use is not null) { db.TemplateUses.Remove(use); await db.SaveChangesAsync(ct); }
                return true;
            }
            var template = await db.WhatsAppTemplates.FirstOrDefaultAsync(t => t.ChannelAccountId == channelAccountId && t.Name == name && t.Language == language, ct);
            if (template is not { IsUsable: true }) return false;
            var offered = TemplateEvents.FieldsOf(@event);
            var chosen = fields is { } f && f.Count == template.Parameters.Count && f.All(offered.Contains) ? f.ToList() : TemplateFill.Suggest(template, @event);
            use ??= db.TemplateUses.Add(new TemplateUse { MerchantId = m, ChannelAccountId = channelAccountId, Event = @event }).Entity;
            (use.TemplateName, use.TemplateLanguage, use.Fields, use.UpdatedBy, use.UpdatedAt) = (template.Name, template.Language, chosen, userId, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    /// <summary>Sets the WhatsApp Business Account id the number's templates are listed under (channel settings waba_id).</summary>
    public Task<bool> SetWabaIdAsync(Guid merchantId, Guid channelAccountId, string wabaId, CancellationToken ct = default) =>
        data.RunForAsync(merchantId, async (db, m) =>
        {
            var digits = new string(wabaId.Where(char.IsAsciiDigit).ToArray());
            if (digits.Length is < 5 or > 25 || digits.Length != wabaId.Trim().Length) return false;
            var account = await db.ChannelAccounts.FirstOrDefaultAsync(a => a.Id == channelAccountId && a.MerchantId == m && a.Platform == ChannelPlatform.WhatsApp, ct);
            if (account is null) return false;
            var settings = System.Text.Json.Nodes.JsonNode.Parse(string.IsNullOrWhiteSpace(account.Settings) ? "{}" : account.Settings) as System.Text.Json.Nodes.JsonObject ?? [];
            settings["waba_id"] = digits;
            account.Settings = settings.ToJsonString();
            account.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    /// <summary>The event's choice on that number and its template as last listed (either may be missing).</summary>
    public static async Task<(TemplateUse? Use, WhatsAppTemplateRow? Template)> FindAsync(AiSalesDbContext db, Guid channelAccountId, string @event,
        CancellationToken ct)
    {
        var use = await db.TemplateUses.AsNoTracking().FirstOrDefaultAsync(u => u.ChannelAccountId == channelAccountId && u.Event == @event, ct);
        if (use is null) return (null, null);
        var template = await db.WhatsAppTemplates.AsNoTracking()
            .FirstOrDefaultAsync(t => t.ChannelAccountId == channelAccountId && t.Name == use.TemplateName && t.Language == use.TemplateLanguage, ct);
        return (use, template);
    }

    public static string? WabaId(ChannelAccount account)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(string.IsNullOrWhiteSpace(account.Settings) ? "{}" : account.Settings);
            return doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && doc.RootElement.TryGetProperty("waba_id", out var w)
                && w.ValueKind == System.Text.Json.JsonValueKind.String && w.GetString() is { Length: > 0 } id ? id : null;
        }
        catch (System.Text.Json.JsonException) { return null; }
    }
}
