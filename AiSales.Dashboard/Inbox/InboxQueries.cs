using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Dashboard.Inbox;

/// <summary>Read side of the inbox; every query filters on the merchant id and also runs under RLS (<see cref="MerchantData"/>).</summary>
public sealed class InboxQueries(MerchantData data)
{
    public Task<List<ConversationRow>> ListAsync(InboxFilter f, CancellationToken ct = default) =>
        data.RunAsync(async (db, merchantId) =>
        {
            var q = from c in db.Conversations.AsNoTracking()
                    join k in db.Contacts.AsNoTracking() on c.ContactId equals k.Id
                    join a in db.ChannelAccounts.AsNoTracking() on c.ChannelAccountId equals a.Id
                    where c.MerchantId == merchantId && k.MerchantId == merchantId
                    select new { c, k, a.Platform };
            if (f.Channel is { } ch) q = q.Where(x => x.Platform == ch);
            if (f.Owner is { } o) q = q.Where(x => x.c.Owner == o);
            if (f.UnreadOnly) q = q.Where(x => x.c.UnreadCount > 0);
            if (f.Stage is { } s) q = q.Where(x => x.k.Stage == s);
            if (f.NeedsAttentionOnly) q = q.Where(x => x.c.NeedsAttention);

            return await q.OrderByDescending(x => x.c.LastMessageAt).Take(200)
                .Select(x => new ConversationRow(x.c.Id, x.Platform, x.k.DisplayName ?? x.k.Username ?? x.k.ExternalId, x.c.Owner,
                    x.c.UnreadCount, x.c.NeedsAttention, x.k.Stage, x.k.Label, x.c.LastMessageAt,
                    db.Messages.Where(m => m.ConversationId == x.c.Id).OrderByDescending(m => m.CreatedAt).Select(m => m.Text).FirstOrDefault(),
                    x.c.AttentionReason))
                .ToListAsync(ct);
        }, ct);

    /// <summary>How many of a conversation's messages the thread shows (the newest).</summary>
    public const int ThreadMessages = 500;

    public Task<ThreadView?> ThreadAsync(Guid conversationId, CancellationToken ct = default) =>
        data.RunAsync(async (db, merchantId) =>
        {
            var conv = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId && c.MerchantId == merchantId, ct);
            if (conv is null) return null;
            var contact = await db.Contacts.AsNoTracking().FirstAsync(k => k.Id == conv.ContactId && k.MerchantId == merchantId, ct);
            var platform = await db.ChannelAccounts.Where(a => a.Id == conv.ChannelAccountId).Select(a => a.Platform).FirstAsync(ct);
            // The newest ThreadMessages, shown oldest first: a long thread must still show what was said last.
            var messages = await db.Messages.AsNoTracking()
                .Where(m => m.ConversationId == conversationId && m.MerchantId == merchantId)
                .OrderByDescending(m => m.ExternalTimestamp ?? m.CreatedAt).ThenByDescending(m => m.CreatedAt)
                .Take(ThreadMessages).ToListAsync(ct);
            messages.Reverse();
            var activities = await db.LeadActivities.AsNoTracking()
                .Where(a => a.ContactId == contact.Id && a.MerchantId == merchantId)
                .OrderByDescending(a => a.CreatedAt).Take(50).ToListAsync(ct);
            return new ThreadView(conv, contact, platform, messages, activities, await SaleAsync(db, merchantId, conv.SalesState, ct));
        }, ct);

    /// <summary>
    /// The sale as the contact panel shows it: the cart's lines (or, before anything is in the cart, the product in focus
    /// with what was chosen for it) named from the merchant's own catalog, and the delivery details known so far.
    /// </summary>
    private static async Task<SaleView?> SaleAsync(AiSalesDbContext db, Guid merchantId, SalesState? state, CancellationToken ct)
    {
        if (state is null) return null;
        var inProgress = state.Step is SalesStep.Collecting or SalesStep.Confirming;
        if (!inProgress && state.LastOrderId is null) return null;
        var lines = state.Cart.Select(l => (l.ProductId, l.Quantity, l.Size, l.Colour)).ToList();
        if (lines.Count == 0 && state.FocusProductId is { } focus)
            lines.Add((focus, state.Quantity ?? 1, state.Size, state.Colour));
        var ids = lines.Select(l => l.ProductId).Distinct().ToList();
        var names = ids.Count == 0 ? [] : await db.Products.AsNoTracking()
            .Where(p => p.MerchantId == merchantId && ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => (p.NameAr, p.NameEn), ct);
        return new SaleView(state.Step, inProgress,
            [.. lines.Select(l => names.TryGetValue(l.ProductId, out var n)
                ? new SaleLine(l.ProductId, n.NameAr, n.NameEn, l.Quantity, l.Size, l.Colour)
                : new SaleLine(l.ProductId, null, null, l.Quantity, l.Size, l.Colour))],
            state.Governorate, state.City, state.Address, state.Phone, state.CustomerName, state.LastOrderId);
    }

    public Task<TodayNumbers> TodayAsync(DateTimeOffset since, CancellationToken ct = default) =>
        data.RunAsync(async (db, merchantId) => new TodayNumbers(
            await db.Conversations.CountAsync(c => c.MerchantId == merchantId && c.CreatedAt >= since, ct),
            await db.Messages.CountAsync(m => m.MerchantId == merchantId && m.Direction == MessageDirection.Inbound && m.CreatedAt >= since, ct),
            await db.Messages.CountAsync(m => m.MerchantId == merchantId && m.Direction == MessageDirection.Outbound && m.CreatedAt >= since, ct),
            await db.Conversations.CountAsync(c => c.MerchantId == merchantId && c.NeedsAttention && c.Status == ConversationStatus.Open, ct)), ct);
}
