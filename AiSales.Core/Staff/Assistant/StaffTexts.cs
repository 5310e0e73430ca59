using AiSales.Core.Persistence.Entities;
using AiSales.Core.Staff.Commands;

namespace AiSales.Core.Staff.Assistant;

/// <summary>The staff assistant's fixed sentences (help, refusals, statuses), in the member's language.</summary>
public static class StaffTexts
{
    public static string Help(StaffContext c) => c.T(
        $"""
        أهلاً، هذا مساعد فريق {c.MerchantName}. تكدر تكتبلي:
        • طلبات اليوم
        • الطلب 1043 (تفاصيل طلب)
        • الطلب 1043 انشحن / وصل / اكد / الغي
        • سعر <منتج أو SKU> ، مخزون <منتج>
        • خلي سعر <منتج> 25000 ، خلي مخزون <منتج> 10
        • وقف البوت / شغل البوت (للمتجر كله)
        • استلم <اسم الزبون> / رجع <اسم الزبون> للبوت
        • منو يحتاج رد؟
        • أسئلة: شكد بعنا اليوم؟ كم طلب للبصرة هالشهر؟ منو اكثر منتج ينسأل عليه هالاسبوع؟ كم عميل ساخن ما انرد عليه؟
        """,
        $"""
        Hi, this is {c.MerchantName}'s team assistant. You can send:
        • orders today
        • order 1043 (details)
        • order 1043 shipped / delivered / confirm / cancel
        • price <product or SKU>, stock <product>
        • set price <product> 25000, set stock <product> 10
        • pause ai / resume ai (whole shop)
        • take over <customer> / hand back <customer>
        • who needs attention?
        • questions: sales today? how many orders to Basra this month? most asked product this week? hot leads unanswered?
        """);

    public static string NotUnderstood(StaffContext c) => c.T(
        "ما فهمت الطلب 🙏 اكتب «مساعدة» حتى تشوف الأوامر.",
        "Sorry, I didn't get that. Send \"help\" to see what I can do.");

    public static string OwnerOnly(StaffContext c) => c.T(
        "هذا الأمر بس لصاحب المتجر. تكدر تطلبه منه أو من لوحة التحكم.",
        "Only the shop's owner can do that.");

    public static string NothingWaiting(StaffContext c) => c.T("ماكو أمر ينتظر تأكيد.", "Nothing is waiting for confirmation.");

    public static string Dropped(StaffContext c) => c.T("تمام، ما سويت شي.", "OK, nothing was changed.");

    public static string ConfirmSuffix(StaffContext c) => c.T("\nأكد بـ «نعم» أو «لا» (خلال 5 دقائق).", "\nReply \"yes\" to confirm or \"no\" (within 5 minutes).");

    public static string TextOnly(StaffContext c) => c.T("أقرأ الرسائل النصية بس. اكتبلي الأمر كتابة 🙏", "I only read text messages; please type the command.");

    public static string Status(StaffContext c, OrderStatus s) => s switch
    {
        OrderStatus.Pending => c.T("بانتظار التأكيد", "pending"),
        OrderStatus.Confirmed => c.T("مؤكد", "confirmed"),
        OrderStatus.Shipped => c.T("انشحن", "shipped"),
        OrderStatus.Delivered => c.T("وصل", "delivered"),
        OrderStatus.Returned => c.T("راجع", "returned"),
        _ => c.T("ملغي", "cancelled"),
    };

    /// <summary>What an order became, as a sentence ends: "الطلب #1001 انشحن", "order #1001 is now shipped".</summary>
    public static string Became(StaffContext c, OrderStatus s) => c.English ? "is now " + Status(c, s) : s switch
    {
        OrderStatus.Confirmed => "تأكد",
        OrderStatus.Shipped => "انشحن",
        OrderStatus.Delivered => "وصل",
        OrderStatus.Cancelled => "انلغى",
        OrderStatus.Returned => "رجع",
        _ => Status(c, s),
    };

    /// <summary>A count with its noun in Arabic agreement (طلب واحد، طلبين، 3 طلبات، 11 طلب) or English (1 order, 3 orders).</summary>
    public static string Count(StaffContext c, long n, string one, string two, string few, string english) =>
        c.English ? $"{n:N0} {english}{(n == 1 ? "" : "s")}"
        : n switch { 0 => $"0 {few}", 1 => $"{one} واحد", 2 => two, <= 10 => $"{n} {few}", _ => $"{n:N0} {one}" };

    public static string Orders(StaffContext c, long n) => Count(c, n, "طلب", "طلبين", "طلبات", "order");

    public static string Times(StaffContext c, long n) => Count(c, n, "مرة", "مرتين", "مرات", "time");

    public static string Period(StaffContext c, StaffPeriod p) => p switch
    {
        StaffPeriod.Today => c.T("اليوم", "today"),
        StaffPeriod.Yesterday => c.T("أمس", "yesterday"),
        StaffPeriod.Week => c.T("آخر 7 أيام", "in the last 7 days"),
        _ => c.T("هالشهر", "this month"),
    };
}
