using AiSales.Core.Audit;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Dashboard.Leads;

public sealed record LeadCard(Guid ContactId, Guid? ConversationId, string Name, ChannelPlatform Platform, LeadStage Stage, LeadLabel Label,
    int Score, DateTimeOffset? LastCustomerMessageAt, bool FromLeadForm = false)
{
    /// <summary>Why the lead could not be sent to the shop's Odoo, while its push is failed (docs/odoo.md).</summary>
    public string? OdooError { get; init; }

    /// <summary>The stage the lead is in in the shop's CRM, as the CRM names it (contacts.crm_stage).</summary>
    public string? CrmStage { get; init; }

    /// <summary>False when Meta gave no name or username: <see cref="Name"/> is then the platform's raw id (16 digits).</summary>
    public bool Named { get; init; } = true;
}

/// <summary>The Kanban: contacts by stage, and moving one (contact + lead activity + audit row in one SaveChanges).</summary>
public sealed class LeadBoard(MerchantData data, ICurrentMerchant current, TimeProvider clock)
{
    public static readonly LeadStage[] Stages = [LeadStage.New, LeadStage.Engaged, LeadStage.Interested, LeadStage.Ordering, LeadStage.Won, LeadStage.Lost];

    /// <summary>The labels the merchant's staff gave conversations (the inbox's labels field), for the board's filter.</summary>
    public Task<List<string>> OwnLabelsAsync(CancellationToken ct = default) =>
        data.RunAsync((db, merchantId) => db.Conversations.AsNoTracking().Where(c => c.MerchantId == merchantId)
            .SelectMany(c => c.Labels).Distinct().OrderBy(l => l).Take(100).ToListAsync(ct), ct);

    /// <param name="tag">One of the merchant's own labels: only contacts with a conversation carrying it.</param>
    public Task<List<LeadCard>> CardsAsync(LeadLabel? label, ChannelPlatform? channel, CancellationToken ct = default, string? tag = null) =>
        data.RunAsync(async (db, merchantId) =>
        {
            var q = from k in db.Contacts.AsNoTracking()
                    join a in db.ChannelAccounts.AsNoTracking() on k.ChannelAccountId equals a.Id
                    where k.MerchantId == merchantId
                    select new { k, a.Platform };
            if (label is { } l) q = q.Where(x => x.k.Label == l);
            if (channel is { } c) q = q.Where(x => x.Platform == c);
            if (!string.IsNullOrEmpty(tag))
                q = q.Where(x => db.Conversations.Any(v => v.ContactId == x.k.Id && v.MerchantId == merchantId && v.Labels.Contains(tag)));
            return await q.OrderByDescending(x => x.k.UpdatedAt).Take(600)
                .Select(x => new LeadCard(x.k.Id,
                    db.Conversations.Where(c => c.ContactId == x.k.Id).OrderByDescending(c => c.LastMessageAt).Select(c => (Guid?)c.Id).FirstOrDefault(),
                    x.k.DisplayName ?? x.k.Username ?? x.k.ExternalId, x.Platform, x.k.Stage, x.k.Label, x.k.Score, x.k.LastCustomerMessageAt,
                    db.LeadFormSubmissions.Any(s => s.ContactId == x.k.Id))
                {
                    CrmStage = x.k.CrmStage,
                    Named = x.k.DisplayName != null || x.k.Username != null,
                    OdooError = db.OdooSync.Where(s => s.Kind == "lead" && s.EntityId == x.k.Id && s.State == "failed").Select(s => s.LastError).FirstOrDefault(),
                })
                .ToListAsync(ct);
        }, ct);

    /// <returns>False when the contact is not this merchant's or already in that stage.</returns>
    public Task<bool> MoveAsync(Guid contactId, LeadStage to, CancellationToken ct = default) =>
        data.RunAsync((db, merchantId) => MoveAsync(db, merchantId, current.UserId, contactId, to, clock.GetUtcNow(), ct), ct);

    internal static async Task<bool> MoveAsync(AiSalesDbContext db, Guid merchantId, Guid? userId, Guid contactId, LeadStage to, DateTimeOffset now, CancellationToken ct)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(k => k.Id == contactId && k.MerchantId == merchantId, ct);
        if (contact is null || contact.Stage == to) return false;
        var from = contact.Stage;
        contact.Stage = to;
        contact.UpdatedAt = now;
        db.LeadActivities.Add(new LeadActivity
        {
            Id = Guid.CreateVersion7(), MerchantId = merchantId, ContactId = contactId, Kind = LeadActivityKind.StageChanged,
            FromValue = EnumText<LeadStage>.ToText(from), ToValue = EnumText<LeadStage>.ToText(to),
            Actor = userId?.ToString() ?? "system", CreatedAt = now,
        });
        new AuditLog(db).Add(merchantId, userId, AuditActions.StageChanged, "contact", contactId.ToString(),
            new { from = EnumText<LeadStage>.ToText(from), to = EnumText<LeadStage>.ToText(to) });
        await db.SaveChangesAsync(ct);
        return true;
    }
}
