namespace AiSales.Dashboard.Localization;

public static partial class UiText
{
    /// <summary>First-run guidance on empty pages (FirstRunGuide): where to try the assistant, how customers reach it.</summary>
    private static Dictionary<string, (string Ar, string En)> GuideTexts() => new()
    {
        ["guide.inbox"] = ("ما وصلتك رسائل بعد. جرّب المساعد بنفسك، أو اربط حسابك حتى توصل رسائل زبائنك هنا.",
            "No messages yet. Try the assistant yourself, or connect your account so your customers' messages arrive here."),
        ["guide.analytics"] = ("الأرقام تبدي من أول رسالة. جرّب المساعد بالمحاكي حتى تشوف شلون تنحسب، أو اربط حسابك.",
            "The numbers start with the first message. Try the assistant in the simulator to see how they are counted, or connect your account."),
        ["guide.orders"] = ("ما عندك طلبات بعد. الطلب ينسجل لمن الزبون يكمّل الشراء بالمحادثة: جرّبها بالمحاكي، أو اربط حسابك.",
            "No orders yet. An order is recorded when a customer completes a purchase in the chat: try it in the simulator, or connect your account."),
        // The 403 page (Forbidden.razor), unlike the 404 one: the page exists, this member may not open it.
        ["forbidden"] = ("ما عندك صلاحية تفتح هالصفحة. إذا تحتاجها، اطلبها من صاحب المتجر.",
            "You are not allowed to open this page. If you need it, ask the shop's owner."),
        ["guide.simulator"] = ("جرّب المحاكي: احچي وية المساعد كأنك زبون", "Open the simulator: chat with the assistant as a customer"),
        ["guide.channels"] = ("اربط إنستغرام أو ماسنجر أو واتساب", "Connect Instagram, Messenger or WhatsApp"),
    };
}
