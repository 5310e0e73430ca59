using System.Text.Json;
using AiSales.Core.Analytics;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Shop;
using AiSales.Core.Staff.Commands;
using AiSales.Core.Tenancy;

namespace AiSales.Core.Staff.Assistant;

/// <summary>
/// Answers a team member's WhatsApp message: a command runs through the same shop actions as the dashboard
/// (<see cref="OrderStatusChanger"/>, <see cref="ProductEdits"/>, <see cref="ConversationOwnership"/>, <see cref="AiPause"/>,
/// which write the audit rows), a question is answered from the same read-only figures the dashboard shows
/// (<see cref="OrderFigures"/>, tenant-scoped reads through <see cref="MerchantData"/>). Owner-only commands are refused to
/// agents; destructive ones (cancel, price, stock, pausing the shop) are only described until the member answers "yes"
/// within five minutes (the waiting command is kept on the staff phone; any other message drops it).
/// </summary>
public sealed partial class StaffAssistant(
    MerchantData data,
    OrderStatusChanger orders,
    ProductEdits products,
    ConversationOwnership chats,
    AiPause aiPause,
    OrderFigures figures,
    TimeProvider clock,
    StaffModelQuestions? model = null)
{
    public static readonly TimeSpan ConfirmWithin = TimeSpan.FromMinutes(5);

    /// <param name="pendingCommand">The destructive command waiting for a "yes" (null when none or expired).</param>
    public async Task<StaffAnswer> AnswerAsync(StaffContext c, string text, string? pendingCommand, CancellationToken ct)
    {
        if (text.StartsWith('[') && text.EndsWith(']')) return new StaffAnswer(StaffTexts.TextOnly(c), "media");
        var intent = StaffCommandParser.Parse(text);
        if (intent is ConfirmIntent confirm)
        {
            if (PendingText(pendingCommand) is not { } waiting) return new StaffAnswer(StaffTexts.NothingWaiting(c), intent.Name);
            if (!confirm.Yes) return new StaffAnswer(StaffTexts.Dropped(c), intent.Name);
            var confirmed = StaffCommandParser.Parse(waiting);
            return await RunAsync(c, confirmed, waiting, confirmed: true, ct);
        }
        return await RunAsync(c, intent, text, confirmed: false, ct);
    }

    private async Task<StaffAnswer> RunAsync(StaffContext c, StaffIntent intent, string text, bool confirmed, CancellationToken ct)
    {
        if (intent.OwnerOnly && c.Role != MemberRole.Owner) return new StaffAnswer(StaffTexts.OwnerOnly(c), intent.Name);
        var reply = intent switch
        {
            HelpIntent => new Reply(StaffTexts.Help(c)),
            OrdersTodayIntent => await OrdersTodayAsync(c, ct),
            OrderShowIntent show => await OrderShowAsync(c, show.Number, ct),
            OrderMoveIntent move => await OrderMoveAsync(c, move, confirmed, ct),
            ProductShowIntent show => await ProductShowAsync(c, show.Query, ct),
            ProductSetPriceIntent set => await ProductSetAsync(c, set.Query, price: set.PriceIqd, stock: null, confirmed, ct),
            ProductSetStockIntent set => await ProductSetAsync(c, set.Query, price: null, stock: set.Stock, confirmed, ct),
            ShopAiIntent ai => await ShopAiAsync(c, ai.Pause, confirmed, ct),
            CustomerChatIntent chat => await CustomerChatAsync(c, chat, ct),
            AttentionIntent => await AttentionAsync(c, ct),
            QuestionIntent q => await QuestionAsync(c, q, ct),
            UnknownIntent when model is not null && await model.AnswerAsync(c, text, async q => (await QuestionAsync(c, q, ct)).Text, ct) is { } answer
                => new Reply(answer),
            _ => new Reply(StaffTexts.NotUnderstood(c)),
        };
        return reply.NeedsConfirmation
            ? new StaffAnswer(reply.Text + StaffTexts.ConfirmSuffix(c), intent.Name, JsonSerializer.Serialize(new PendingCommand(text)))
            : new StaffAnswer(reply.Text, intent.Name);
    }

    /// <summary>The waiting command's text, read from staff_phones.pending_command.</summary>
    private static string? PendingText(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try { return JsonSerializer.Deserialize<PendingCommand>(json)?.Text; }
        catch (JsonException) { return null; }
    }

    private sealed record PendingCommand(string Text);

    /// <summary>An answer, or (for a destructive command not yet confirmed) the description of what "yes" will do.</summary>
    private sealed record Reply(string Text, bool NeedsConfirmation = false);

    private AnalyticsRange RangeOf(StaffContext c, StaffPeriod period)
    {
        var today = c.Today(clock);
        return period switch
        {
            StaffPeriod.Today => new(today, today),
            StaffPeriod.Yesterday => new(today.AddDays(-1), today.AddDays(-1)),
            StaffPeriod.Week => new(today.AddDays(-6), today),
            _ => new(new DateOnly(today.Year, today.Month, 1), today),
        };
    }
}
