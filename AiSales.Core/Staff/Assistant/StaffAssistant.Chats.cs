using System.Text;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Staff.Commands;
using AiSales.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Core.Staff.Assistant;

public sealed partial class StaffAssistant
{
    private async Task<Reply> ShopAiAsync(StaffContext c, bool pause, bool confirmed, CancellationToken ct)
    {
        if (pause && !confirmed)
        {
            if (await aiPause.IsPausedAsync(c.MerchantId, ct)) return new Reply(c.T("المساعد أصلاً موقف.", "The assistant is already paused."));
            return new Reply(c.T("راح أوقف الرد الآلي لكل الزبائن؛ رسائلهم توصل للوحة التحكم وانتم تردون.",
                "This pauses automatic replies for every customer; their messages wait in the inbox for the team."), NeedsConfirmation: true);
        }
        var changed = await aiPause.SetAsync(c.Actor, pause, ct);
        return new Reply(pause
            ? changed ? c.T("تم ⏸️ المساعد موقف. اكتب «شغل البوت» حتى يرجع.", "Done ⏸️ the assistant is paused. Send \"resume ai\" to turn it back on.")
                      : c.T("المساعد أصلاً موقف.", "The assistant is already paused.")
            : changed ? c.T("تم ▶️ المساعد رجع يرد على الزبائن.", "Done ▶️ the assistant answers customers again.")
                      : c.T("المساعد شغال أصلاً.", "The assistant is already on."));
    }

    private async Task<Reply> CustomerChatAsync(StaffContext c, CustomerChatIntent intent, CancellationToken ct)
    {
        var found = await FindChatsAsync(c, intent.Query, ct);
        if (found.Count == 0)
            return new Reply(c.T($"ما لكيت زبون اسمه «{intent.Query}» عنده محادثة مفتوحة.", $"No customer \"{intent.Query}\" with an open chat."));
        if (found.Count > 1)
            return new Reply(c.T($"أكو {found.Count} زبائن بهذا الاسم، حدد أكثر (الاسم الكامل أو الرقم):\n", $"{found.Count} customers match; be more specific (full name or number):\n")
                + string.Join("\n", found.Take(5).Select(f => $"• {f.Name} · {f.Phone ?? f.ExternalId}")));
        var chat = found[0];
        var done = intent.TakeOver ? await chats.TakeOverAsync(c.Actor, chat.ConversationId, ct) : await chats.HandBackAsync(c.Actor, chat.ConversationId, ct);
        if (!done) return new Reply(c.T("المحادثة ما موجودة.", "That chat no longer exists."));
        return new Reply(intent.TakeOver
            ? c.T($"تم ✅ محادثة {chat.Name} صارت عندكم، المساعد ما يرد عليه. اكتب «رجع {chat.Name} للبوت» حتى يرجع.",
                $"Done ✅ {chat.Name}'s chat is yours; the assistant stays quiet. Send \"hand back {chat.Name}\" to return it.")
            : c.T($"تم ✅ رجعت محادثة {chat.Name} للمساعد.", $"Done ✅ {chat.Name}'s chat is back with the assistant."));
    }

    private async Task<Reply> AttentionAsync(StaffContext c, CancellationToken ct)
    {
        var (count, rows) = await data.RunForAsync(c.MerchantId, async (db, m) =>
        {
            var q = from v in db.Conversations
                    join k in db.Contacts on v.ContactId equals k.Id
                    where v.MerchantId == m && v.NeedsAttention && v.Status == ConversationStatus.Open
                    orderby v.UpdatedAt descending
                    select new { Name = k.DisplayName ?? k.Username ?? k.Phone ?? k.ExternalId, v.AttentionReason, v.LastCustomerMessageAt };
            return (await q.CountAsync(ct), await q.Take(5).ToListAsync(ct));
        }, ct);
        if (count == 0) return new Reply(c.T("ماكو أحد ينتظر رد هسه 👌", "Nobody is waiting for the team right now 👌"));
        var text = new StringBuilder(c.T($"{count} محادثات تحتاج واحد منكم:", $"{count} chats need someone from the team:"));
        foreach (var r in rows)
            text.Append($"\n• {r.Name}{(r.LastCustomerMessageAt is { } at ? " · " + c.Time(at) : "")}{(r.AttentionReason is { } why ? " · " + why : "")}");
        return new Reply(text.ToString());
    }

    private sealed record ChatMatch(Guid ConversationId, string Name, string? Phone, string ExternalId);

    /// <summary>Open chats whose customer's name, username or number holds what the member typed.</summary>
    private async Task<IReadOnlyList<ChatMatch>> FindChatsAsync(StaffContext c, string query, CancellationToken ct)
    {
        var digits = new string(Digits.Fold(query).Where(char.IsAsciiDigit).ToArray());
        var words = ArabicNormalizer.Normalize(query).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var open = await data.RunForAsync(c.MerchantId, (db, m) =>
            (from v in db.Conversations
             join k in db.Contacts on v.ContactId equals k.Id
             where v.MerchantId == m && v.Status == ConversationStatus.Open
             orderby v.LastMessageAt descending
             select new { v.Id, k.DisplayName, k.Username, k.Phone, k.ExternalId }).Take(2000).ToListAsync(ct), ct);
        var matches = open.Where(o =>
        {
            if (digits.Length >= 6) return (o.Phone ?? "").Contains(digits[^Math.Min(digits.Length, 9)..]) || o.ExternalId.EndsWith(digits[^Math.Min(digits.Length, 9)..]);
            var name = ArabicNormalizer.Normalize($"{o.DisplayName} {o.Username}");
            return words.Length > 0 && words.All(w => name.Contains(w, StringComparison.Ordinal));
        }).Select(o => new ChatMatch(o.Id, o.DisplayName ?? o.Username ?? o.Phone ?? o.ExternalId, o.Phone, o.ExternalId)).ToList();
        // An exact full-name match wins over partial ones ("علي" vs "علي حسين").
        var exact = matches.Where(x => ArabicNormalizer.Normalize(x.Name) == string.Join(' ', words)).ToList();
        return exact.Count == 1 ? exact : matches;
    }
}
