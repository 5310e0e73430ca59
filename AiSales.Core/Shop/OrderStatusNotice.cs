using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending.Templates;
using AiSales.Core.Sending.Transports;
using AiSales.Core.Sending.Windows;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Core.Shop;

/// <summary>What telling the customer about an order's new status came to (kept on the status change's audit row).</summary>
/// <param name="Template">Outside WhatsApp's window: the approved template the merchant chose for the event, filled in.</param>
/// <param name="TemplateProblem">Outside WhatsApp's window and no template could be sent: why (<see cref="TemplateProblems"/>).</param>
public sealed record OrderNotice(string Outcome, Guid? ConversationId = null, string? Text = null, WhatsAppTemplate? Template = null,
    string? TemplateProblem = null)
{
    /// <summary>The message is queued to the customer's conversation.</summary>
    public const string Queued = "queued";
    /// <summary>Outside WhatsApp's 24 h window: the template the merchant chose for the event is queued instead.</summary>
    public const string TemplateQueued = "template_queued";
    /// <summary>More than 24 h since the customer last wrote, and no template to send: nothing goes to the customer.</summary>
    public const string OutsideWindow = "outside_window";
    /// <summary>The order was not taken in a chat (dashboard, API): there is no conversation to write to.</summary>
    public const string NoConversation = "no_conversation";
}

/// <summary>
/// "Your order #1004 is on its way": when an order is shipped or delivered (dashboard, staff WhatsApp, CRM), the customer
/// is told in the chat the order came from, in the conversation's language, while the messaging window allows a message
/// from the shop (24 h after the customer's last message on every platform for an automated message). Outside it, on
/// WhatsApp, the approved template the merchant chose for "order shipped"/"order delivered" on that number goes instead
/// (Templates page); without one (or on Messenger/Instagram, which have no templates) the outcome says why and nothing is sent.
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
            .Join(db.ChannelAccounts, c => c.ChannelAccountId, a => a.Id,
                (c, a) => new { c.LastCustomerMessageAt, c.SalesState, a.Platform, AccountId = a.Id, c.ContactId })
            .FirstOrDefaultAsync(ct);
        if (chat is null) return new(OrderNotice.NoConversation);
        if (planner.Plan(new WindowRequest(chat.Platform, SendAuthor.Ai, chat.LastCustomerMessageAt, now)) is WindowAllowed)
            return new(OrderNotice.Queued, conversationId, Text(order.Number, to, chat.SalesState.Language == "en"));
        if (chat.Platform != ChannelPlatform.WhatsApp) return new(OrderNotice.OutsideWindow, conversationId);

        var (use, template) = await TemplateStore.FindAsync(db, chat.AccountId, to == OrderStatus.Shipped ? TemplateEvents.OrderShipped : TemplateEvents.OrderDelivered, ct);
        var contactName = use is null ? null : await db.Contacts.AsNoTracking().Where(c => c.Id == chat.ContactId).Select(c => c.DisplayName).FirstOrDefaultAsync(ct);
        var shopName = use is null ? null : await db.Merchants.AsNoTracking().Where(m => m.Id == order.MerchantId).Select(m => m.Name).FirstOrDefaultAsync(ct);
        var (message, problem) = TemplateFill.Fill(use, template, new Dictionary<string, string?>
        {
            [TemplateFields.CustomerName] = order.CustomerName ?? contactName,
            [TemplateFields.OrderNumber] = "#" + order.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [TemplateFields.OrderTotal] = Total(order.TotalIqd, template?.Language),
            [TemplateFields.ShopName] = shopName,
        });
        return message is null
            ? new(OrderNotice.OutsideWindow, conversationId, TemplateProblem: problem)
            : new(OrderNotice.TemplateQueued, conversationId, message.Text, message.Wire);
    }

    /// <summary>The order's total in the template's language ("45,000 دينار" / "45,000 IQD").</summary>
    public static string Total(long totalIqd, string? language) =>
        totalIqd.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
        + (language?.StartsWith("ar", StringComparison.OrdinalIgnoreCase) == true ? " دينار" : " IQD");

    public static string Text(long number, OrderStatus status, bool english) => (status, english) switch
    {
        (OrderStatus.Shipped, false) => $"طلبك رقم #{number} انشحن 🚚 المندوب راح يتصل بيك قبل التوصيل.",
        (OrderStatus.Shipped, true) => $"Your order #{number} is on its way 🚚 The courier will call you before delivery.",
        (OrderStatus.Delivered, false) => $"وصل طلبك رقم #{number} ✅ نتمنى يعجبك، وإذا احتجت أي شي احنا بالخدمة 🌷",
        (OrderStatus.Delivered, true) => $"Your order #{number} was delivered ✅ We hope you love it; we're here if you need anything 🌷",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Only shipped and delivered orders are told."),
    };
}
