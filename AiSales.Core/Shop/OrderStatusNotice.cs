using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending.Windows;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Core.Shop;

/// <summary>What telling the customer about an order's new status came to (kept on the status change's audit row).</summary>
public sealed record OrderNotice(string Outcome, Guid? ConversationId = null, string? Text = null)
{
    /// <summary>The message is queued to the customer's conversation.</summary>
    public const string Queued = "queued";
    /// <summary>More than 24 h since the customer last wrote: the platform allows no message from the shop now.</summary>
    public const string OutsideWindow = "outside_window";
    /// <summary>The order was not taken in a chat (dashboard, API): there is no conversation to write to.</summary>
    public const string NoConversation = "no_conversation";
}

/// <summary>
/// "Your order #1004 is on its way": when an order is shipped or delivered (dashboard, staff WhatsApp, CRM), the customer
/// is told in the chat the order came from, in the conversation's language, while the messaging window allows a message
/// from the shop (24 h after the customer's last message on every platform for an automated message). Outside it
/// WhatsApp needs an approved template, which the shop does not have yet, so the outcome says so and nothing is sent.
/// </summary>
public static class OrderStatusNotice
{
    public static bool Tells(OrderStatus status) => status is OrderStatus.Shipped or OrderStatus.Delivered;

    /// <summary>Decides, inside the status change's transaction, what to tell and whether it can be sent.</summary>
    public static async Task<OrderNotice> PlanAsync(AiSalesDbContext db, Order order, OrderStatus to, WindowPlanner planner,
        DateTimeOffset now, CancellationToken ct)
    {
        if (order.ConversationId is not { } conversationId) return new(OrderNotice.NoConversation);
        var chat = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId && c.MerchantId == order.MerchantId)
            .Join(db.ChannelAccounts, c => c.ChannelAccountId, a => a.Id, (c, a) => new { c.LastCustomerMessageAt, c.SalesState, a.Platform })
            .FirstOrDefaultAsync(ct);
        if (chat is null) return new(OrderNotice.NoConversation);
        if (planner.Plan(new WindowRequest(chat.Platform, SendAuthor.Ai, chat.LastCustomerMessageAt, now)) is not WindowAllowed)
            return new(OrderNotice.OutsideWindow, conversationId);
        return new(OrderNotice.Queued, conversationId, Text(order.Number, to, chat.SalesState.Language == "en"));
    }

    public static string Text(long number, OrderStatus status, bool english) => (status, english) switch
    {
        (OrderStatus.Shipped, false) => $"طلبك رقم #{number} انشحن 🚚 المندوب راح يتصل بيك قبل التوصيل.",
        (OrderStatus.Shipped, true) => $"Your order #{number} is on its way 🚚 The courier will call you before delivery.",
        (OrderStatus.Delivered, false) => $"وصل طلبك رقم #{number} ✅ نتمنى يعجبك، وإذا احتجت أي شي احنا بالخدمة 🌷",
        (OrderStatus.Delivered, true) => $"Your order #{number} was delivered ✅ We hope you love it; we're here if you need anything 🌷",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Only shipped and delivered orders are told."),
    };
}
