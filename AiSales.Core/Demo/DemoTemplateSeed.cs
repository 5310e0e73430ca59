using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending.Templates;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Core.Demo;

/// <summary>
/// The demo's sandbox WhatsApp number with its demo templates listed and chosen for every automatic message
/// (docs/templates.md), so a newcomer sees the Templates page filled and an order shipped after the 24 h window goes out
/// as a template. Kept as they are when the shop already has templates or choices on that number.
/// </summary>
public static class DemoTemplateSeed
{
    private static readonly (string Event, string Template, string[] Fields)[] Choices =
    [
        (TemplateEvents.OrderShipped, "order_update_ar", [TemplateFields.CustomerName, TemplateFields.OrderNumber, TemplateFields.ShopName]),
        (TemplateEvents.OrderDelivered, "order_delivered_ar", [TemplateFields.CustomerName, TemplateFields.OrderNumber, TemplateFields.ShopName]),
        (TemplateEvents.LeadGreeting, "lead_welcome_ar", [TemplateFields.CustomerName, TemplateFields.ShopName]),
    ];

    public static async Task<int> SeedAsync(AiSalesDbContext db, Guid merchantId, string phoneNumberId, DateTimeOffset now, CancellationToken ct)
    {
        var number = db.ChannelAccounts.Local.FirstOrDefault(a => a.Platform == ChannelPlatform.WhatsApp && a.ExternalId == phoneNumberId)
            ?? await db.ChannelAccounts.FirstOrDefaultAsync(a => a.Platform == ChannelPlatform.WhatsApp && a.ExternalId == phoneNumberId, ct);
        if (number is not { Provider: ChannelProvider.Sandbox } || number.MerchantId != merchantId) return 0;
        if (await db.WhatsAppTemplates.AnyAsync(t => t.ChannelAccountId == number.Id, ct) || await db.TemplateUses.AnyAsync(u => u.ChannelAccountId == number.Id, ct))
            return 0;
        foreach (var t in DemoTemplates.All)
        {
            db.WhatsAppTemplates.Add(new WhatsAppTemplateRow
            {
                Id = Guid.CreateVersion7(), MerchantId = merchantId, ChannelAccountId = number.Id, MetaId = t.MetaId, Name = t.Name,
                Language = t.Language, Category = t.Category, Status = t.Status, Body = t.Body, Parameters = [.. t.Parameters], SyncedAt = now,
            });
        }
        foreach (var (ev, template, fields) in Choices)
        {
            db.TemplateUses.Add(new TemplateUse
            {
                Id = Guid.CreateVersion7(), MerchantId = merchantId, ChannelAccountId = number.Id, Event = ev, TemplateName = template,
                TemplateLanguage = "ar", Fields = [.. fields], UpdatedAt = now,
            });
        }
        return DemoTemplates.All.Count + Choices.Length;
    }
}
