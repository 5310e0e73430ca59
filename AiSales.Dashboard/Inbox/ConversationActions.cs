using AiSales.Core.Audit;
using AiSales.Core.Conversations;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Dashboard.Inbox;

/// <summary>What a merchant's staff can do to a conversation; each change and its audit row save together.</summary>
public sealed class ConversationActions(MerchantData data, ICurrentMerchant current, OutboundMessageQueue queue, IReplyWindow window,
    HandBackReply handBackReply, TimeProvider clock)
{
    public Task TakeOverAsync(Guid conversationId, CancellationToken ct = default) => SetOwnerAsync(conversationId, ConversationOwner.Human, ct);

    /// <summary>The assistant owns the chat again and answers at once what the customer asked since the last reply.</summary>
    public async Task HandBackAsync(Guid conversationId, CancellationToken ct = default)
    {
        await SetOwnerAsync(conversationId, ConversationOwner.Ai, ct);
        await handBackReply.ScheduleAsync(current.RequireMerchantId(), conversationId, ct);
    }

    private Task SetOwnerAsync(Guid conversationId, ConversationOwner owner, CancellationToken ct) =>
        data.RunAsync(async (db, merchantId) =>
        {
            var conv = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId && c.MerchantId == merchantId, ct)
                ?? throw new KeyNotFoundException();
            if (conv.Owner == owner)
            {
                // The assistant handed the chat over and keeps answering until a person shows up: taking over is that
                // person showing up (the flag is answered, the assistant falls silent). Otherwise there is nothing to do.
                if (owner != ConversationOwner.Human || !Handoff.AwaitingPerson(conv)) return;
                conv.NeedsAttention = false;
                conv.AttentionReason = null;
                conv.UpdatedAt = clock.GetUtcNow();
                new AuditLog(db).Add(merchantId, current.UserId, AuditActions.ConversationTakeover, "conversation", conversationId.ToString(),
                    new { from = Text(owner), to = Text(owner), answered = "handoff" });
                await db.SaveChangesAsync(ct);
                return;
            }
            var from = conv.Owner;
            conv.Owner = owner;
            conv.OwnerChangedAt = conv.UpdatedAt = clock.GetUtcNow();
            // Either way the flag is answered: a person took it (the assistant must not keep talking while they wait), or
            // the assistant has it back.
            conv.NeedsAttention = false;
            conv.AttentionReason = null;
            db.LeadActivities.Add(new LeadActivity
            {
                Id = Guid.CreateVersion7(), MerchantId = merchantId, ContactId = conv.ContactId, Kind = LeadActivityKind.OwnerChanged,
                FromValue = Text(from), ToValue = Text(owner), Actor = current.UserId?.ToString() ?? "system", CreatedAt = clock.GetUtcNow(),
            });
            new AuditLog(db).Add(merchantId, current.UserId,
                owner == ConversationOwner.Human ? AuditActions.ConversationTakeover : AuditActions.ConversationHandback,
                "conversation", conversationId.ToString(), new { from = Text(from), to = Text(owner) });
            await db.SaveChangesAsync(ct);
        }, ct);

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

    private static string Text(ConversationOwner o) => o == ConversationOwner.Ai ? "ai" : "human";
}
