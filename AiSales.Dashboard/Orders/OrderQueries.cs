using System.Text.Json;
using AiSales.Core.Audit;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Dashboard.Orders;

/// <summary>Read side of the Orders page and the contact panel; every query filters on the merchant and runs under RLS (<see cref="MerchantData"/>).</summary>
public sealed class OrderQueries(MerchantData data)
{
    public const int PageSize = 25;

    /// <summary>The highest page asked for still gives a skip that fits an int (a link with page=2147483647 must not overflow).</summary>
    public static int ClampPage(int? page, int pageSize) => Math.Clamp(page ?? 1, 1, int.MaxValue / pageSize);

    /// <summary>Newest first; by status and/or one contact. The counts per status honour the contact filter, not the status one.</summary>
    public Task<OrderListPage> ListAsync(OrderStatus? status, Guid? contactId, int? page, CancellationToken ct = default) =>
        data.RunAsync(async (db, merchantId) =>
        {
            var p = ClampPage(page, PageSize);
            var mine = db.Orders.AsNoTracking().Where(o => o.MerchantId == merchantId);
            if (contactId is { } c) mine = mine.Where(o => o.ContactId == c);
            var counts = await mine.GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            var q = mine;
            if (status is { } s) q = q.Where(o => o.Status == s);
            var total = status is { } st ? counts.GetValueOrDefault(st) : counts.Values.Sum();
            var rows = await (from o in q
                              join k in db.Contacts.AsNoTracking() on o.ContactId equals k.Id
                              orderby o.CreatedAt descending, o.Id descending
                              select new { o, Name = o.CustomerName ?? k.DisplayName ?? k.Username ?? k.ExternalId })
                .Skip((p - 1) * PageSize).Take(PageSize).ToListAsync(ct);
            var ids = rows.Select(r => r.o.Id).ToList();
            var items = (await db.OrderItems.AsNoTracking().Where(i => i.MerchantId == merchantId && ids.Contains(i.OrderId))
                    .Select(i => new { i.OrderId, i.Id, i.ProductName, i.Quantity }).ToListAsync(ct))
                .OrderBy(i => i.Id).ToLookup(i => i.OrderId, i => new OrderItemSummary(i.ProductName, i.Quantity));
            return new OrderListPage(
                [.. rows.Select(r => new OrderRow(r.o.Id, r.o.Number, r.o.CreatedAt, r.o.Status, r.Name, r.o.Phone, r.o.Governorate, r.o.City, r.o.TotalIqd, [.. items[r.o.Id]]))],
                p, PageSize, total, counts);
        }, ct);

    public Task<OrderDetail?> DetailAsync(Guid orderId, CancellationToken ct = default) =>
        data.RunAsync(async (db, merchantId) =>
        {
            var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId && o.MerchantId == merchantId, ct);
            if (order is null) return null;
            var items = await db.OrderItems.AsNoTracking().Where(i => i.OrderId == orderId && i.MerchantId == merchantId)
                .OrderBy(i => i.Id).ToListAsync(ct);
            var contact = await (from k in db.Contacts.AsNoTracking()
                                 join a in db.ChannelAccounts.AsNoTracking() on k.ChannelAccountId equals a.Id
                                 where k.Id == order.ContactId && k.MerchantId == merchantId
                                 select new { Name = k.DisplayName ?? k.Username ?? k.ExternalId, a.Platform }).FirstOrDefaultAsync(ct);
            var conversation = await db.Conversations.AsNoTracking().Where(c => c.ContactId == order.ContactId && c.MerchantId == merchantId)
                .OrderByDescending(c => c.LastMessageAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
            var key = orderId.ToString();
            var audit = await db.AuditLog.AsNoTracking()
                .Where(e => e.MerchantId == merchantId && e.EntityType == "order" && e.EntityId == key && e.Action == AuditActions.OrderStatusChanged)
                .OrderByDescending(e => e.CreatedAt).Take(50).ToListAsync(ct);
            return new OrderDetail(order, items, order.CustomerName ?? contact?.Name ?? "", contact?.Platform, conversation,
                [.. audit.Select(e => { var (from, to) = FromTo(e.Details); return new OrderHistoryEntry(e.CreatedAt, from, to, e.Actor); })]);
        }, ct);

    /// <summary>The contact's latest orders for the contact panel (the list page has them all).</summary>
    public Task<List<ContactOrder>> ForContactAsync(Guid contactId, CancellationToken ct = default) =>
        data.RunAsync((db, merchantId) => db.Orders.AsNoTracking()
            .Where(o => o.ContactId == contactId && o.MerchantId == merchantId)
            .OrderByDescending(o => o.CreatedAt).Take(10)
            .Select(o => new ContactOrder(o.Id, o.Status, o.TotalIqd, o.CreatedAt)).ToListAsync(ct), ct);

    private static (string? From, string? To) FromTo(string details)
    {
        try
        {
            using var doc = JsonDocument.Parse(details);
            string? Get(string name) => doc.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return (Get("from"), Get("to"));
        }
        catch (JsonException) { return (null, null); }
    }
}
