using AiSales.Core.Ai.Offline;
using AiSales.Core.Ai.Turns;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Core.Ai.Replies;

/// <summary>What a GenerateReply handler needs, read in one place: the engine's context, the turn-policy inputs, and ids.</summary>
public sealed record ReplyInputs(
    ReplyContext Context,
    TurnTrigger Trigger,
    ConversationTurnState State,
    TimeSpan HumanQuietPeriod,
    Guid ContactId,
    Guid ChannelAccountId);

/// <summary>
/// Reads a conversation for reply generation (no tracking, no writes). The burst is every customer text since the
/// last AI/human message, oldest first, joined with new lines — so fragments become one question; the history is
/// the ten messages before it. Also used for the re-check after generation (<see cref="LoadStateAsync"/>).
/// </summary>
public sealed class ReplyInputsLoader(AiSalesDbContext db)
{
    private const int HistoryWindow = 40;

    /// <summary>Null when the conversation or the trigger message does not exist (deleted merchant, bad job).</summary>
    public async Task<ReplyInputs?> LoadAsync(Guid conversationId, Guid triggerMessageId, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId, ct);
        var trigger = await db.Messages.AsNoTracking()
            .SingleOrDefaultAsync(m => m.Id == triggerMessageId && m.ConversationId == conversationId, ct);
        if (conversation is null || trigger is null)
            return null;

        var merchant = await db.Merchants.AsNoTracking().SingleAsync(m => m.Id == conversation.MerchantId, ct);
        var platform = await db.ChannelAccounts.AsNoTracking()
            .Where(a => a.Id == conversation.ChannelAccountId).Select(a => a.Platform).SingleAsync(ct);

        var messages = (await db.Messages.AsNoTracking()
                .Where(m => m.ConversationId == conversationId && m.DeletedAt == null)
                .OrderByDescending(m => m.CreatedAt).Take(HistoryWindow).ToListAsync(ct))
            .OrderBy(At).ToList();

        var lastReplyIndex = messages.FindLastIndex(m => m.Author is MessageAuthor.Ai or MessageAuthor.Human);
        var burst = messages.Skip(lastReplyIndex + 1)
            .Where(m => m.Author == MessageAuthor.Customer && !string.IsNullOrWhiteSpace(m.Text)).ToList();
        var history = messages.Take(lastReplyIndex + 1)
            .Where(m => m.Author != MessageAuthor.System && !string.IsNullOrWhiteSpace(m.Text))
            .TakeLast(PromptBuilder.MaxRecentMessages)
            .Select(m => new ConversationTurn(m.Author, m.Text!)).ToList();

        var products = await db.Products.AsNoTracking()
            .Where(p => p.MerchantId == conversation.MerchantId && p.Active).ToListAsync(ct);

        var context = new ReplyContext(
            merchant.Id, merchant.Name, merchant.AiSettings, history,
            string.Join('\n', burst.Select(m => m.Text!.Trim())),
            products.Select(ToCatalogItem).ToList(), platform);

        return new ReplyInputs(
            context,
            // Turn decisions compare our own stored times only (one clock), never Meta's timestamps.
            new TurnTrigger(trigger.Id, trigger.CreatedAt),
            await LoadStateAsync(conversationId, ct) ?? throw new InvalidOperationException("Conversation vanished."),
            TimeSpan.FromMinutes(merchant.AiSettings.HumanQuietMinutes),
            conversation.ContactId,
            conversation.ChannelAccountId);
    }

    /// <summary>The conversation's current turn state (call again after generation, before sending).</summary>
    public async Task<ConversationTurnState?> LoadStateAsync(Guid conversationId, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId, ct);
        if (conversation is null)
            return null;

        var latestCustomer = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Author == MessageAuthor.Customer)
            .OrderByDescending(m => m.CreatedAt).Select(m => new { m.Id, m.CreatedAt })
            .FirstOrDefaultAsync(ct);
        var lastHuman = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Author == MessageAuthor.Human)
            .MaxAsync(m => (DateTimeOffset?)m.CreatedAt, ct);
        var lastAi = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Author == MessageAuthor.Ai)
            .MaxAsync(m => (DateTimeOffset?)m.CreatedAt, ct);

        return new ConversationTurnState(
            conversation.Status, conversation.Owner,
            latestCustomer?.Id, latestCustomer?.CreatedAt,
            Max(conversation.LastHumanMessageAt, lastHuman), lastAi);
    }

    public static CatalogItem ToCatalogItem(Product p) =>
        new(p.Id, p.NameAr, p.NameEn, p.Aliases, p.PriceIqd, p.Stock, p.Variants.Sizes, p.Variants.Colors, p.Active);

    // The platform's timestamp when we have it (ordering of a burst), else when we stored the row.
    private static DateTimeOffset At(Message m) => m.ExternalTimestamp ?? m.CreatedAt;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;
}
