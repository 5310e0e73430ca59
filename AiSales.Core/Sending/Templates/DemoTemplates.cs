namespace AiSales.Core.Sending.Templates;

/// <summary>
/// The sandbox number's "approved" templates: the demo shop has no WhatsApp Business Account to list, so a refresh on a
/// sandbox number gives these, worded like real Iraqi utility templates, so a newcomer can map and try every event.
/// </summary>
public static class DemoTemplates
{
    public static IReadOnlyList<TemplateBody.Listed> All { get; } =
    [
        Listed("order_update_ar", "ar", "UTILITY", "هلا {{1}} 🌷 طلبك رقم {{2}} من {{3}} صار بالطريق، المندوب راح يتصل بيك قبل التوصيل."),
        Listed("order_delivered_ar", "ar", "UTILITY", "هلا {{1}}، وصل طلبك رقم {{2}} ✅ شكراً لأنك اخترت {{3}}."),
        Listed("lead_welcome_ar", "ar", "MARKETING", "هلا {{1}} 🌷 وصلنا طلبك من الإعلان. اني مساعد {{2}}، شنو حاب تعرف عن منتجاتنا؟"),
        Listed("order_update_en", "en_US", "UTILITY", "Hi {{1}}, your order {{2}} from {{3}} is on its way. The courier will call before delivery."),
    ];

    private static TemplateBody.Listed Listed(string name, string language, string category, string body) =>
        new($"demo-{name}", name, language, "APPROVED", category, body, TemplateBody.Placeholders(body), false, false);
}
