using AiSales.Core.Audit;
using AiSales.Core.Conversations;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Core.Shop;

/// <summary>
/// A person takes a conversation from the assistant, or hands it back (which answers at once what the customer asked
/// meanwhile). The owner change, its lead-timeline row and the audit row save together.
/// </summary>
public sealed class ConversationOwnership(MerchantData data, HandBackReply handBackReply, TimeProvider clock)
{
    /// <returns>False when the conversation is not the merchant's.</returns>
    public Task<bool> TakeOverAsync(ShopActor actor, Guid conversationId, CancellationToken ct = default) =>
        SetOwnerAsync(actor, conversationId, ConversationOwner.Human, ct);

    /// <summary>The assistant owns the chat again and answers at once what the customer asked since the last reply.</summary>
    /// <returns>False when the conversation is not the merchant's.</returns>
    public async Task<bool> HandBackAsync(ShopActor actor, Guid conversationId, CancellationToken ct = default)
    {
        if (!await SetOwnerAsync(actor, conversationId, ConversationOwner.Ai, ct)) return false;
        await handBackReply.ScheduleAsync(actor.MerchantId, conversationId, ct);
        return true;
    }

    private Task<bool> SetOwnerAsync(ShopActor actor, Guid conversationId, ConversationOwner owner, CancellationToken ct) =>
        data.RunForAsync(actor.MerchantId, async (db, merchantId) =>
        {
            var conv = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId && c.MerchantId == merchantId, ct);
            if (conv is null) return false;
            if (conv.Owner == owner)
            {
                // The assistant handed the chat over and keeps answering until a person shows up: taking over is that
                // person showing up (the flag is answered, the assistant falls silent). Otherwise there is nothing to do.
                if (owner != ConversationOwner.Human || !Handoff.AwaitingPerson(conv)) return true;
                conv.NeedsAttention = false;
                conv.AttentionReason = null;
                conv.UpdatedAt = clock.GetUtcNow();
                new AuditLog(db).Add(merchantId, actor.UserId, AuditActions.ConversationTakeover, "conversation", conversationId.ToString(),
                    new { from = Text(owner), to = Text(owner), answered = "handoff", via = actor.Via });
                await db.SaveChangesAsync(ct);
                return true;
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
                FromValue = Text(from), ToValue = Text(owner), Actor = actor.UserId?.ToString() ?? "system", CreatedAt = clock.GetUtcNow(),
            });
            new AuditLog(db).Add(merchantId, actor.UserId,
                owner == ConversationOwner.Human ? AuditActions.ConversationTakeover : AuditActions.ConversationHandback,
                "conversation", conversationId.ToString(), new { from = Text(from), to = Text(owner), via = actor.Via });
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    private static string Text(ConversationOwner o) => o == ConversationOwner.Ai ? "ai" : "human";
}
