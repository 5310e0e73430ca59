using System.Text;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Offline;
using AiSales.Core.Shop;
using AiSales.Core.Staff.Commands;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Core.Staff.Assistant;

public sealed partial class StaffAssistant
{
    private const int ListLimit = 10;

    private async Task<Reply> OrdersTodayAsync(StaffContext c, CancellationToken ct)
    {
        var range = RangeOf(c, StaffPeriod.Today);
        var sales = await figures.SalesAsync(c.MerchantId, range, ct: ct);
        var since = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(range.From.ToDateTime(TimeOnly.MinValue), c.TimeZone));
        var list = await data.RunForAsync(c.MerchantId, (db, m) =>
            (from o in db.Orders
             join k in db.Contacts on o.ContactId equals k.Id
             where o.MerchantId == m && o.CreatedAt >= since
             orderby o.CreatedAt descending
             select new { o.Number, o.Status, o.TotalIqd, Name = o.CustomerName ?? k.DisplayName ?? k.Username ?? o.Phone }).Take(ListLimit).ToListAsync(ct), ct);
        if (list.Count == 0) return new Reply(c.T("ماكو طلبات اليوم لحد هسه.", "No orders yet today."));
        var text = new StringBuilder(c.T($"طلبات اليوم: {StaffTexts.Orders(c, sales.Orders)} بمجموع {c.Money(sales.RevenueIqd)}", $"Orders today: {sales.Orders}, {c.Money(sales.RevenueIqd)} in total"));
        if (sales.Cancelled > 0) text.Append(c.T($" (وملغية {sales.Cancelled})", $" ({sales.Cancelled} cancelled)"));
        foreach (var o in list)
            text.Append($"\n• #{o.Number} · {o.Name ?? "—"} · {c.Money(o.TotalIqd)} · {StaffTexts.Status(c, o.Status)}");
        return new Reply(text.ToString());
    }

    private async Task<Reply> OrderShowAsync(StaffContext c, long number, CancellationToken ct)
    {
        var found = await data.RunForAsync(c.MerchantId, async (db, m) =>
        {
            var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.MerchantId == m && o.Number == number, ct);
            if (order is null) return null;
            var items = await db.OrderItems.AsNoTracking().Where(i => i.OrderId == order.Id).ToListAsync(ct);
            return new { order, items };
        }, ct);
        if (found is null) return new Reply(NoSuchOrder(c, number));
        var o = found.order;
        var text = new StringBuilder(c.T($"الطلب #{o.Number} · {StaffTexts.Status(c, o.Status)}", $"Order #{o.Number} · {StaffTexts.Status(c, o.Status)}"));
        foreach (var i in found.items)
        {
            var variant = string.Join(" ", new[] { i.Size, i.Colour }.Where(v => !string.IsNullOrWhiteSpace(v)));
            text.Append($"\n• {i.Quantity}× {i.ProductName}{(variant.Length > 0 ? $" ({variant})" : "")} · {c.Money(i.UnitPriceIqd * i.Quantity)}");
        }
        text.Append(c.T($"\nالتوصيل: {c.Money(o.DeliveryFeeIqd)} · المجموع: {c.Money(o.TotalIqd)}", $"\nDelivery: {c.Money(o.DeliveryFeeIqd)} · Total: {c.Money(o.TotalIqd)}"));
        var place = string.Join(" - ", new[] { GovernorateName(c, o.Governorate), o.City, o.Address }.Where(v => !string.IsNullOrWhiteSpace(v)));
        text.Append(c.T($"\nالزبون: {o.CustomerName ?? "—"} · {o.Phone ?? "—"}\nالعنوان: {(place.Length > 0 ? place : "—")}",
            $"\nCustomer: {o.CustomerName ?? "—"} · {o.Phone ?? "—"}\nAddress: {(place.Length > 0 ? place : "—")}"));
        text.Append(c.T($"\nبتاريخ {c.Time(o.CreatedAt)}", $"\nPlaced {c.Time(o.CreatedAt)}"));
        return new Reply(text.ToString());
    }

    private async Task<Reply> OrderMoveAsync(StaffContext c, OrderMoveIntent move, bool confirmed, CancellationToken ct)
    {
        var order = await data.RunForAsync(c.MerchantId, (db, m) =>
            db.Orders.AsNoTracking().Where(o => o.MerchantId == m && o.Number == move.Number).Select(o => new { o.Id, o.Status, o.TotalIqd }).FirstOrDefaultAsync(ct), ct);
        if (order is null) return new Reply(NoSuchOrder(c, move.Number));
        if (order.Status == move.To) return new Reply(c.T($"الطلب #{move.Number} أصلاً {StaffTexts.Status(c, move.To)}.", $"Order #{move.Number} is already {StaffTexts.Status(c, move.To)}."));
        if (!OrderStatusFlow.CanMove(order.Status, move.To))
            return new Reply(c.T($"ما يصير: الطلب #{move.Number} {StaffTexts.Status(c, order.Status)}، وما ينتقل إلى «{StaffTexts.Status(c, move.To)}».",
                $"Can't do: order #{move.Number} is {StaffTexts.Status(c, order.Status)} and can't become {StaffTexts.Status(c, move.To)}."));
        if (move.Destructive && !confirmed)
            return new Reply(c.T($"راح ألغي الطلب #{move.Number} ({c.Money(order.TotalIqd)}) وترجع بضاعته للمخزون.",
                $"This cancels order #{move.Number} ({c.Money(order.TotalIqd)}) and returns its items to stock."), NeedsConfirmation: true);
        return new Reply((await orders.ChangeAsync(c.Actor, order.Id, move.To, ct)) switch
        {
            OrderStatusChange.Changed => c.T($"تم ✅ الطلب #{move.Number} {StaffTexts.Became(c, move.To)}.", $"Done ✅ order #{move.Number} {StaffTexts.Became(c, move.To)}."),
            OrderStatusChange.AlreadyThere => c.T($"الطلب #{move.Number} أصلاً {StaffTexts.Status(c, move.To)}.", $"Order #{move.Number} is already {StaffTexts.Status(c, move.To)}."),
            OrderStatusChange.OutOfStock => c.T($"ما أكدت الطلب #{move.Number}: المخزون ما يكفي.", $"Order #{move.Number} not confirmed: not enough stock."),
            OrderStatusChange.NotFound => NoSuchOrder(c, move.Number),
            _ => c.T($"ما يصير تغيير حالة الطلب #{move.Number} هسه.", $"Order #{move.Number} can't move to that status now."),
        });
    }

    private static string NoSuchOrder(StaffContext c, long number) =>
        c.T($"ما لكيت طلب برقم {number}.", $"No order number {number}.");

    private static string? GovernorateName(StaffContext c, string? key) =>
        key is null ? null : Governorates.FindByKey(key) is { } g ? (c.English ? g.NameEn : g.NameAr) : key;
}
