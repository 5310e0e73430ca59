using AiSales.Core.Audit;
using AiSales.Core.Conversations;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending;
using AiSales.Core.Shop;
using AiSales.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Dashboard.Inbox;

/// <summary>What a merchant's staff can do to a conversation; each change and its audit row save together.</summary>
public sealed class ConversationActions(MerchantData data, ICurrentMerchant current, OutboundMessageQueue queue, IReplyWindow window,
    ConversationOwnership ownership, TimeProvider clock)
{
    public async Task TakeOverAsync(Guid conversationId, CancellationToken ct = default)
    {
        if (!await ownership.TakeOverAsync(Actor(), conversationId, ct)) throw new KeyNotFoundException();
    }

    /// <summary>The assistant owns the chat again and answers at once what the customer asked since the last reply.</summary>
    public async Task HandBackAsync(Guid conversationId, CancellationToken ct = default)
    {
        if (!await ownership.HandBackAsync(Actor(), conversationId, ct)) throw new KeyNotFoundException();
    }

    private ShopActor Actor() => new(current.RequireMerchantId(), current.UserId);

    public Task MarkReadAsync(Guid conversationId, CancellationToken ct = default) =>
        data.RunAsync((db, merchantId) => db.Conversations.Where(c => c.Id == conversationId && c.MerchantId == merchantId && c.UnreadCount > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UnreadCount, 0), ct), ct);

    public Task SaveLabelsAndNotesAsync(Guid conversationId, IReadOnlyList<string> labels, string? notes, CancellationToken ct = default) =>
        data.RunAsync(async (db, merchantId) =>
        {
            var conv = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId && c.MerchantId == merchantId, ct)
                ?? throw new KeyNotFoundException();
            var clean = labels.Select(l => l.Trim()).Where(l => l.Length > 0).Distinct().ToList();
            var audit = new AuditLog(db);
            if (!clean.SequenceEqual(conv.Labels))
            {
                audit.Add(merchantId, current.UserId, AuditActions.LabelsChanged, "conversation", conversationId.ToString(), new { from = conv.Labels, to = clean });
                conv.Labels = clean;
            }
            notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
            if (notes != conv.Notes)
            {
                audit.Add(merchantId, current.UserId, AuditActions.NotesChanged, "conversation", conversationId.ToString(), new { length = notes?.Length ?? 0 });
                conv.Notes = notes;
            }
            conv.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }, ct);

    /// <summary>Queues a human reply when the window allows it; returns null and the reason when it does not.</summary>
    public async Task<(Guid? MessageId, ReplyWindowDecision Decision)> ReplyAsync(Guid conversationId, string text, CancellationToken ct = default)
    {
        var merchantId = current.RequireMerchantId();
        var (platform, lastCustomer) = await data.RunAsync(async (db, m) =>
        {
            var row = await (from c in db.Conversations
                             join a in db.ChannelAccounts on c.ChannelAccountId equals a.Id
                             where c.Id == conversationId && c.MerchantId == m
                             select new { a.Platform, c.LastCustomerMessageAt }).FirstOrDefaultAsync(ct) ?? throw new KeyNotFoundException();
            return (row.Platform, row.LastCustomerMessageAt);
        }, ct);
        var decision = window.Decide(platform, lastCustomer, clock.GetUtcNow());
        if (!decision.CanSend) return (null, decision);

        var id = await queue.QueueAsync(merchantId, conversationId, text.Trim(), MessageAuthor.Human, current.UserId, decision.MessagingType, ct);
        await data.RunAsync(async (db, m) =>
        {
            await new AuditLog(db).RecordAsync(m, current.UserId, AuditActions.HumanReply, "message", id.ToString(),
                new { conversation_id = conversationId, messaging_type = AiSales.Core.Persistence.EnumText<MessagingType>.ToText(decision.MessagingType) }, ct);
        }, ct);
        return (id, decision);
    }

}
