using System.Text;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Offline;
using AiSales.Core.Staff.Commands;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Core.Staff.Assistant;

/// <summary>
/// Questions about the shop's numbers. Every figure comes from a query scoped to the member's shop — the same ones the
/// dashboard shows (<see cref="Analytics.OrderFigures"/> for orders, revenue and most-asked products) — never from a
/// model, and each answer says the period it covers.
/// </summary>
public sealed partial class StaffAssistant
{
    private async Task<Reply> QuestionAsync(StaffContext c, QuestionIntent q, CancellationToken ct)
    {
        var range = RangeOf(c, q.Period);
        var period = StaffTexts.Period(c, q.Period);
        switch (q.Kind)
        {
            case QuestionKind.Sales or QuestionKind.Orders:
            {
                var sales = await figures.SalesAsync(c.MerchantId, range, q.Governorate, ct);
                var place = GovernorateName(c, q.Governorate);
                var where = place is null ? "" : c.T($" لـ{place}", $" to {place}");
                var text = new StringBuilder(q.Kind == QuestionKind.Sales
                    ? c.T($"مبيعات {period}{where}: {c.Money(sales.RevenueIqd)} من {StaffTexts.Orders(c, sales.Orders)}", $"Sales {period}{where}: {c.Money(sales.RevenueIqd)} from {StaffTexts.Orders(c, sales.Orders)}")
                    : c.T($"طلبات {period}{where}: {StaffTexts.Orders(c, sales.Orders)} بمجموع {c.Money(sales.RevenueIqd)}", $"Orders {period}{where}: {sales.Orders}, {c.Money(sales.RevenueIqd)} in total"));
                if (sales.Cancelled > 0) text.Append(c.T($" (ملغية {sales.Cancelled}، ما محسوبة)", $" ({sales.Cancelled} cancelled, not counted)"));
                if (place is null && sales.ByGovernorate.Count > 1)
                    foreach (var g in sales.ByGovernorate.Take(5))
                        text.Append($"\n• {GovernorateName(c, g.Governorate) ?? c.T("بدون محافظة", "no governorate")}: {StaffTexts.Orders(c, g.Orders)} · {c.Money(g.RevenueIqd)}");
                return new Reply(text.ToString());
            }
            case QuestionKind.TopProducts:
            {
                var top = await figures.MostAskedAsync(c.MerchantId, range, 5, ct);
                if (top.Count == 0) return new Reply(c.T($"ما أحد سأل عن منتج {period}.", $"Nobody asked about a product {period}."));
                return new Reply(c.T($"أكثر المنتجات اللي ينسأل عليها {period}:", $"Most asked-about products {period}:")
                    + string.Concat(top.Select((p, i) => $"\n{i + 1}. {(c.English ? p.NameEn ?? p.NameAr : p.NameAr)} · {StaffTexts.Times(c, p.Asks)}")));
            }
            case QuestionKind.HotUnanswered:
            {
                var rows = await HotUnansweredAsync(c, ct);
                if (rows.Count == 0) return new Reply(c.T("ماكو عميل ساخن ينتظر رد 👌", "No hot lead is waiting for an answer 👌"));
                return new Reply(c.T($"{rows.Count} عملاء ساخنين آخر رسالة منهم ما انرد عليها:", $"{rows.Count} hot leads whose last message has no answer:")
                    + string.Concat(rows.Take(5).Select(r => $"\n• {r.Name} · {c.Time(r.At)}")));
            }
            default:
            {
                var from = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(range.From.ToDateTime(TimeOnly.MinValue), c.TimeZone));
                var to = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(range.To.AddDays(1).ToDateTime(TimeOnly.MinValue), c.TimeZone));
                var count = await data.RunForAsync(c.MerchantId, (db, m) =>
                    db.Contacts.CountAsync(k => k.MerchantId == m && k.CreatedAt >= from && k.CreatedAt < to, ct), ct);
                return new Reply(c.T($"زبائن جدد {period}: {count}", $"New customers {period}: {count}"));
            }
        }
    }

    private sealed record HotLead(string Name, DateTimeOffset At);

    /// <summary>Hot leads (label hot) whose open chat's last message is the customer's: nobody, AI or person, answered it.</summary>
    private Task<List<HotLead>> HotUnansweredAsync(StaffContext c, CancellationToken ct) =>
        data.RunForAsync(c.MerchantId, (db, m) =>
            (from v in db.Conversations
             join k in db.Contacts on v.ContactId equals k.Id
             where v.MerchantId == m && v.Status == ConversationStatus.Open && k.Label == LeadLabel.Hot
                   && v.LastCustomerMessageAt != null && v.LastMessageAt <= v.LastCustomerMessageAt
             orderby v.LastCustomerMessageAt
             select new HotLead(k.DisplayName ?? k.Username ?? k.Phone ?? k.ExternalId, v.LastCustomerMessageAt!.Value)).ToListAsync(ct), ct);
}
