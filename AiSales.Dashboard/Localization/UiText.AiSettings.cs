namespace AiSales.Dashboard.Localization;

public static partial class UiText
{
    /// <summary>The AI settings page.</summary>
    private static Dictionary<string, (string Ar, string En)> AiSettingsTexts() => new()
    {
            ["ai.title"] = ("إعدادات الذكاء الاصطناعي", "AI settings"),
            ["ai.provider"] = ("المحرك", "Engine"),
            ["ai.provider.offline"] = ("بدون اتصال", "Offline"),
            ["ai.provider.offlineHelp"] = ("يرد المساعد من كتالوجك بقواعد ثابتة (بدون نموذج لغوي).", "The assistant answers from your catalog with fixed rules (no language model)."),
            ["ai.provider.notConfigured"] = ("لم يُربط نموذج لغوي بهذا النظام بعد؛ مسؤول النظام يكدر يربطه.", "No language model is connected to this installation yet; your system administrator can connect one."),
            ["ai.keyConfigured"] = ("مفتاح الواجهة مضبوط", "API key configured"),
            ["ai.persona"] = ("الشخصية", "Persona"),
            ["ai.personaHelp"] = ("من هو المساعد؟ مثال: موظفة مبيعات في متجر ملابس ببغداد.", "Who is the assistant? e.g. a sales assistant in a Baghdad clothing shop."),
            ["ai.tone"] = ("الأسلوب", "Tone"),
            ["ai.tone.warm"] = ("ودود، مع إيموجي أحياناً 🌷", "Warm, an emoji now and then 🌷"),
            ["ai.tone.plain"] = ("رسمي ومهذب، بدون إيموجي", "Plain and polite, no emoji"),
            ["ai.toneHelp"] = ("كيف يكتب المساعد لعملائك.", "How the assistant writes to your customers."),
            ["ai.dialect"] = ("اللهجة", "Dialect"),
            ["ai.dialect.iraqi"] = ("عراقية", "Iraqi"),
            ["ai.dialect.msa"] = ("فصحى", "Modern Standard Arabic"),
            ["ai.dialect.gulf"] = ("خليجية", "Gulf"),
            ["ai.dialect.levantine"] = ("شامية", "Levantine"),
            ["ai.dialect.egyptian"] = ("مصرية", "Egyptian"),
            ["ai.dialect.english"] = ("إنجليزية", "English"),
            ["ai.debounce"] = ("مهلة الانتظار (ثوانٍ)", "Debounce (seconds)"),
            ["ai.debounceHelp"] = ("ينتظر المساعد هذه المدة بعد آخر رسالة ليرد مرة واحدة على الرسائل المتتالية (1–60).", "The assistant waits this long after the last message so a burst gets one reply (1–60)."),
            ["ai.quiet"] = ("صمت بعد رد الموظف (دقائق)", "Quiet after a human reply (minutes)"),
            ["ai.quietHelp"] = ("بعد أن يكتب موظف، لا يرد المساعد خلال هذه المدة (0–1440).", "After a person writes, the assistant stays silent this long (0–1440)."),
            ["ai.keywords"] = ("كلمات التحويل لموظف", "Hand-off keywords"),
            ["ai.keywordsHelp"] = ("إذا كتبها العميل تتحول المحادثة لموظف. افصل بفاصلة.", "When a customer writes one, the conversation goes to a person. Comma separated."),
            ["ai.hours"] = ("ساعات العمل", "Business hours"),
            ["ai.hoursHelp"] = ("بتوقيت متجرك، مثل 10:00-22:00. اترك اليوم فارغاً إذا كان عطلة.", "In your shop's time zone, e.g. 10:00-22:00. Leave a day empty when closed."),
            ["ai.saved"] = ("تم حفظ الإعدادات.", "Settings saved."),
            ["ai.error.persona"] = ("الشخصية أطول من 600 حرف.", "The persona is longer than 600 characters."),
            ["ai.error.tone"] = ("الأسلوب أطول من 200 حرف.", "The tone is longer than 200 characters."),
            ["ai.error.dialect"] = ("اختر لهجة من القائمة.", "Pick a dialect from the list."),
            ["ai.error.debounce"] = ("مهلة الانتظار يجب أن تكون بين 1 و 60 ثانية.", "The debounce must be between 1 and 60 seconds."),
            ["ai.error.quiet"] = ("مدة الصمت يجب أن تكون بين 0 و 1440 دقيقة.", "The quiet time must be between 0 and 1440 minutes."),
            ["ai.error.keywords"] = ("كلمات التحويل: 50 كلمة كحد أقصى، كل منها حتى 60 حرفاً.", "Hand-off keywords: at most 50, each up to 60 characters."),
            ["ai.error.hours"] = ("ساعات العمل بصيغة 10:00-22:00 والنهاية بعد البداية.", "Business hours look like 10:00-22:00, with the end after the start."),
    };
}
