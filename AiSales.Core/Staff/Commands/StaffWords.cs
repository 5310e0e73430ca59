using AiSales.Core.Text;


namespace AiSales.Core.Staff.Commands;

/// <summary>
/// The staff assistant's vocabulary, Iraqi Arabic, MSA and English, each list folded like the messages it is compared
/// with (ة→ه, أ→ا, ى→ي, گ/چ→ك), so it is written here the way people type and folded once.
/// </summary>
internal static class StaffWords
{
    public static readonly IReadOnlySet<string> Yes = Set("نعم", "اي", "ايه", "ايي", "اكيد", "تمام", "اوكي", "موافق", "صح", "يلا", "اكد",
        "yes", "y", "ok", "okay", "sure", "yep", "yeah", "confirm", "اوك", "ok.", "👍");
    public static readonly IReadOnlySet<string> No = Set("لا", "كلا", "لاء", "لع", "بلا", "الغي", "no", "n", "nope", "cancel", "stop", "خليها", "اتركها", "اترك");
    public static readonly IReadOnlySet<string> Help = Set("مساعده", "ساعدني", "الاوامر", "اوامر", "قائمه", "القائمه", "شتكدر", "شنو", "تكدر",
        "help", "commands", "menu", "start", "شلون", "استخدمك", "استخدم", "can", "usage", "هلو", "مرحبا", "السلام", "hi", "hello", "?");

    public static readonly IReadOnlySet<string> OrderWords = Set("طلب", "طلبات", "طلبيه", "طلبيات", "اوردر", "اوردرات", "order", "orders", "طلبيتي", "حاله", "status");
    public static readonly IReadOnlySet<string> ShippedWords = Set("انشحن", "انشحنت", "شحن", "شحنته", "شحناه", "شحنا", "اشحن", "اتشحن", "تشحن",
        "الشحن", "انرسل", "ارسلناه", "بالطريق", "مشحون", "طلع", "طلعت", "طلعناه", "المندوب", "مندوب", "للمندوب", "out", "courier", "driver", "ship", "shipped", "sent", "dispatched", "dispatch", "shipping");
    public static readonly IReadOnlySet<string> DeliveredWords = Set("وصل", "وصلت", "توصل", "انستلم", "استلمه", "استلمها", "استلمو", "استلموه",
        "استلم", "تسلم", "تسليم", "التوصيل", "توصيل", "موصل", "delivered", "deliver", "received");
    /// <summary>The customer brought a delivered order back ("الطلب 1004 رجع", "رجعوه", "returned").</summary>
    public static readonly IReadOnlySet<string> ReturnedWords = Set("رجع", "رجعت", "رجعوه", "رجعوها", "مرتجع", "ارجاع", "استرجاع", "returned");

    public static readonly IReadOnlySet<string> CancelWords = Set("الغي", "الغيه", "الغاء", "انلغي", "انلغت", "ملغي", "كنسل", "كنسله",
        "cancel", "cancelled", "canceled", "cancellation", "لغت", "لغي", "لغاه", "لغاها", "لغو", "لغوه", "لغينا");
    public static readonly IReadOnlySet<string> ConfirmWords = Set("اكد", "اكده", "اكدو", "تاكيد", "تاكد", "ثبت", "ثبته", "تثبيت", "مؤكد",
        "confirm", "confirmed", "approve", "approved", "اتاكد", "تثبت", "انثبت");

    public static readonly IReadOnlySet<string> PriceWords = Set("سعر", "اسعار", "بيش", "بكم", "بشكد", "ثمن", "price", "prices", "cost", "much");
    public static readonly IReadOnlySet<string> StockWords = Set("مخزون", "مخزن", "ستوك", "متوفر", "متبقي", "باقي", "كميه", "عدد", "stock", "inventory",
        "qty", "quantity", "left", "available");
    public static readonly IReadOnlySet<string> SetWords = Set("خلي", "خليه", "خليها", "نزل", "نزله", "رفع", "ارفع", "زيد", "قلل", "غير", "غيره", "غيرها", "حط", "حطه", "صير", "صيره", "صار",
        "صارت", "عدل", "عدله", "حدث", "حدثه", "تحديث", "بقى", "بقي", "اجعل", "اصبح", "يصير", "الي", "set", "change", "make", "update", "to", "now", "new", "lower", "raise", "drop", "increase", "reduce");
    public static readonly IReadOnlySet<string> AmountWords = Set("دينار", "الف", "الاف", "iqd", "dinar", "k", "قطعه", "قطع", "حبه", "حبات", "pcs", "pieces", "units");

    public static readonly IReadOnlySet<string> PauseWords = Set("وقف", "اوقف", "طفي", "سكت", "سكته", "عطل", "ايقاف", "توقف", "وكف",
        "pause", "stop", "disable", "off", "mute", "سكر", "اطفي", "طفيه");
    public static readonly IReadOnlySet<string> ResumeWords = Set("شغل", "فعل", "تشغيل", "رجع", "ارجع", "رجعه", "resume", "unpause", "enable", "on", "restart", "يشتغل", "اشتغل", "يرجع", "شغله");
    public static readonly IReadOnlySet<string> BotWords = Set("البوت", "بوت", "الذكاء", "ذكاء", "المساعد", "مساعد", "الرد", "الردود", "الالي", "الاصطناعي",
        "bot", "ai", "assistant", "replies", "auto", "التلقائي", "تلقائي", "الاتوماتيكي", "automatic", "autoreply", "auto-reply", "responder");
    public static readonly IReadOnlySet<string> ChatWords = Set("محادثه", "المحادثه", "محادثات", "دردشه", "شات", "الزبون", "زبون", "العميل", "عميل",
        "chat", "conversation", "customer", "with", "ويه", "وي", "ويا", "مع", "عن", "من");
    public static readonly IReadOnlySet<string> TakeOverWords = Set("استلم", "استلام", "اخذ", "ماخذ", "امسك", "اكمل", "احجي", "اتكلم", "اتولى", "ارد", "answer", "reply", "بنفسي", "myself", "takeover", "take", "over", "handle");
    public static readonly IReadOnlySet<string> HandBackWords = Set("سلم", "سلمه", "سلمها", "handback", "hand", "back", "return", "give");
    /// <summary>The assistant carrying on with a chat ("خلي البوت يكمل ويا حسين"): a hand-back when a person is named.</summary>
    public static readonly IReadOnlySet<string> ContinueWords = Set("يكمل", "يرد", "يتولى", "يستلم", "يحجي", "continue", "handle", "answer", "reply");
    /// <summary>Not ("البوت لا يرد", "don't reply"): with a bot word and a reply verb, the assistant is to stay quiet.</summary>
    public static readonly IReadOnlySet<string> NotWords = Set("لا", "ما", "مايرد", "don't", "dont", "not", "never", "stop");
    public static readonly IReadOnlySet<string> Everyone = Set("احد", "الكل", "كل", "الزباين", "الزبائن", "anyone", "anybody", "everyone", "nobody", "customers");
    public static readonly IReadOnlySet<string> AttentionWords = Set("يحتاج", "يحتاجون", "محتاج", "محتاجين", "ينتظر", "ينتظرون", "منتظر",
        "متروك", "تنتظر", "منتظره", "منتظرين", "attention", "waiting", "needs", "need");
    public static readonly IReadOnlySet<string> Fillers = Set("ال", "هذا", "هاي", "هذه", "اللي", "الي", "يا", "رجاء", "رجاءا", "لطفا", "من", "فضلك",
        "بالله", "please", "pls", "the", "of", "for", "a", "an", "is", "our", "my", "لل", "ل", "ب", "و", "مال", "للبوت", "product", "منتج",
        "اخي", "عيني", "حبيبي", "turn", "switch", "put", "back", "again", "what's", "whats", "is", "are", "in", "there", "do", "does", "we", "have", "has", "let", "me", "any", "i'll", "ill", "i", "myself", "بنفسي", "منه", "منها", "اكو", "ماكو", "عدكم", "عندكم", "اني", "راح", "رح", "will", "gonna", "مؤقتا", "مؤقت", "شوي", "temporarily", "عدنا", "عندنا", "رقم", "انا", "احنا", "هم", "بعد", "still", "left", "هسه", "هسا", "now", "كم", "شكد", "شقد", "how", "much", "many", "what", "شنو", "كلي", "قلي", "كلولي", "i", "want", "to");

    public static readonly IReadOnlySet<string> SalesWords = Set("بعنا", "بعناه", "بيعنا", "بيع", "البيع", "طلعنا", "سوينا", "حصلنا", "بعنه", "بعت", "مبيعات", "مبيع", "ايراد", "ايرادات",
        "دخل", "دخلنا", "ربحنا", "حصلنا", "الغله", "غله", "sales", "sold", "sell", "revenue", "income", "earned", "made");
    public static readonly IReadOnlySet<string> MostWords = Set("اكثر", "اكتر", "افضل", "اشهر", "الكل", "كلهم", "هواي", "most", "everyone", "everybody", "top", "best", "popular");
    public static readonly IReadOnlySet<string> ProductWords = Set("منتج", "منتجات", "شي", "اشياء", "بضاعه", "قطعه", "موديل", "product", "products", "item", "items");
    public static readonly IReadOnlySet<string> AskedWords = Set("ينسال", "نسال", "سالو", "يسالون", "يسال", "ينطلب", "مطلوب", "طلبو", "اسئله", "سالو", "سالوا", "inquiries", "enquiries", "questions", "asks", "asked", "requested", "wanted");
    /// <summary>"على" folds to "علي", the name Ali: dropped only when it opens what is left ("وقف البوت على زينب").</summary>
    public static readonly IReadOnlySet<string> LeadingPrepositions = Set("على", "for");
    public static readonly IReadOnlySet<string> UnansweredWords = Set("انرد", "رد", "ردينا", "جواب", "unanswered", "answered", "replied", "reply");
    public static readonly IReadOnlySet<string> HotWords = Set("ساخن", "ساخنين", "حار", "حارين", "hot");
    public static readonly IReadOnlySet<string> CustomerWords = Set("زبون", "زباين", "زبائن", "عميل", "عملاء", "عملا", "واحد", "ناس", "اشخاص", "راسلنا", "people", "customer", "customers", "clients", "leads", "contacts");
    public static readonly IReadOnlySet<string> NewWords = Set("جديد", "جدد", "جديده", "new");
    public static readonly IReadOnlySet<string> HowManyWords = Set("كم", "شكد", "شقد", "عدد", "how", "many", "count", "number");

    public static readonly IReadOnlySet<string> TodayWords = Set("اليوم", "هاليوم", "today", "tday");
    public static readonly IReadOnlySet<string> YesterdayWords = Set("امس", "البارحه", "yesterday");
    public static readonly IReadOnlySet<string> WeekWords = Set("اسبوع", "الاسبوع", "هالاسبوع", "week", "weekly");
    public static readonly IReadOnlySet<string> MonthWords = Set("شهر", "الشهر", "هالشهر", "month", "monthly");

    private static IReadOnlySet<string> Set(params string[] words) =>
        words.Select(w => ArabicNormalizer.Normalize(w).Replace(" ", "")).Where(w => w.Length > 0).ToHashSet(StringComparer.Ordinal);
}
