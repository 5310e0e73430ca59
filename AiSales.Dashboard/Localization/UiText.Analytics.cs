namespace AiSales.Dashboard.Localization;

public static partial class UiText
{
    /// <summary>The Analytics page's comparison over time and the names its charts give channels (docs/analytics.md).</summary>
    private static Dictionary<string, (string Ar, string En)> AnalyticsTexts() => new()
    {
        ["analytics.compare"] = ("قارن الأرقام يوماً بيوم", "Compare day by day"),
        ["analytics.compareHelp"] = ("اختر الرقم وطريقة التقسيم: القناة التي وصل منها، أو من أين جاء العميل أول مرة (إعلان، منشور، قصة…).",
            "Pick a figure and how to split it: the channel it came through, or where the customer first came from (ad, post, story…)."),
        ["analytics.compareEmpty"] = ("لا رسائل ولا طلبات في هذه الفترة.", "No messages or orders in this period."),
        ["analytics.metric"] = ("الرقم", "Figure"),
        ["analytics.metric.messages"] = ("الرسائل الواردة", "Messages in"),
        ["analytics.metric.replies"] = ("الردود", "Replies"),
        ["analytics.metric.orders"] = ("الطلبات", "Orders"),
        ["analytics.metric.revenue"] = ("المبيعات (د.ع)", "Sales (IQD)"),
        ["analytics.split"] = ("حسب", "By"),
        ["analytics.split.channel"] = ("القناة", "Channel"),
        ["analytics.split.source"] = ("مصدر العميل", "Customer source"),
        ["analytics.period"] = ("الفترة", "Period"),
        ["analytics.last7"] = ("آخر {0} أيام", "Last {0} days"),
        ["analytics.last30"] = ("آخر {0} يوماً", "Last {0} days"),
        ["analytics.last90"] = ("آخر {0} يوماً", "Last {0} days"),
        ["platform.instagram"] = ("إنستغرام", "Instagram"),
        ["platform.messenger"] = ("ماسنجر", "Messenger"),
        ["platform.whatsapp"] = ("واتساب", "WhatsApp"),
    };
}
