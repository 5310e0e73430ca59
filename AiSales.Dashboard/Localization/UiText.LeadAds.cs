namespace AiSales.Dashboard.Localization;

public static partial class UiText
{
    /// <summary>The Lead ads page (issue #22): Meta lead form submissions, their answers, attribution and read status.</summary>
    private static Dictionary<string, (string Ar, string En)> LeadAdsTexts() => new()
    {
        ["nav.leadAds"] = ("إعلانات النماذج", "Lead ads"),
        ["leadAds.title"] = ("عملاء إعلانات النماذج (Lead Ads)", "Lead ads submissions"),
        ["leadAds.intro"] = ("كل نموذج يملؤه شخص من إعلان على فيسبوك أو إنستغرام يصل هنا: نقرأ إجاباته من Meta بصفحة الفيسبوك المربوطة ونضيفه كعميل محتمل مع مصدره (الحملة والمجموعة والإعلان والنموذج).",
            "Every lead form someone fills in from a Facebook or Instagram ad lands here: we read the answers from Meta with the connected Page and add them as a lead with where they came from (campaign, ad set, ad, form)."),
        ["leadAds.setup"] = ("للتفعيل: اربط صفحة الفيسبوك من صفحة القنوات بحساب يملك صلاحية leads_retrieval، واشترك تطبيقنا في حقل leadgen للصفحة.",
            "To turn it on: connect the Facebook Page on the Channels page with an account that has the leads_retrieval permission, and subscribe our app to the Page's leadgen field."),
        ["leadAds.greeting"] = ("الترحيب التلقائي: لا يرسل المساعد رسالة أولى لعميل النموذج. ماسنجر لا يسمح بمراسلة عميل نموذج لأنه لم يراسل الصفحة (لا يوجد معرّف PSID). واتساب يسمح فقط بقالب معتمد من Meta يختاره شخص من فريقك؛ اتصل بالرقم أو افتح محادثة واتساب من الرابط أدناه.",
            "Automatic greeting: the assistant does not write first to a form lead. Messenger does not allow messaging a form lead who never wrote to the Page (there is no PSID). WhatsApp allows only a Meta-approved template chosen by a person on your team; call the number or open a WhatsApp chat from the link below."),
        ["leadAds.empty"] = ("لم يصل أي نموذج بعد.", "No lead form submissions yet."),
        ["leadAds.forContact"] = ("نموذج هذا العميل", "This lead's form"),
        ["leadAds.all"] = ("كل النماذج", "All submissions"),
        ["leadAds.when"] = ("الوقت", "When"),
        ["leadAds.lead"] = ("العميل", "Lead"),
        ["leadAds.answers"] = ("الإجابات", "Answers"),
        ["leadAds.source"] = ("المصدر", "Source"),
        ["leadAds.status"] = ("الحالة", "Status"),
        ["leadAds.noAnswers"] = ("لا إجابات", "No answers"),
        ["leadAds.campaign"] = ("الحملة", "Campaign"),
        ["leadAds.adset"] = ("المجموعة الإعلانية", "Ad set"),
        ["leadAds.ad"] = ("الإعلان", "Ad"),
        ["leadAds.form"] = ("النموذج", "Form"),
        ["leadAds.page"] = ("الصفحة", "Page"),
        ["leadAds.organic"] = ("بدون إعلان (عضوي أو تجربة)", "No ad (organic or a test)"),
        ["leadAds.openWhatsApp"] = ("محادثة واتساب", "WhatsApp chat"),
        ["leadAds.attempts"] = ("محاولات القراءة", "Read attempts"),
        ["leadAds.status.pending"] = ("بانتظار القراءة من Meta", "Waiting for Meta"),
        ["leadAds.status.fetched"] = ("تمت القراءة", "Read"),
        ["leadAds.status.failed"] = ("فشلت القراءة", "Read failed"),
        ["leadAds.status.test"] = ("نموذج تجريبي", "Test lead"),
        ["leadAds.testExplained"] = ("أرسله زر Test في لوحة مطوري Meta بمعرّفات وهمية، لذلك لا يمكن قراءة إجاباته.",
            "Sent by the Test button in Meta's App Dashboard with fake ids, so its answers cannot be read."),
        ["leadAds.reconnect"] = ("رمز الصفحة لم يعد صالحاً: أعد ربط الصفحة من صفحة القنوات.", "The Page's token no longer works: reconnect the Page on the Channels page."),
        ["leadAds.retry"] = ("إعادة القراءة", "Read again"),
        ["leadAds.flash.retried"] = ("ستُقرأ الإجابات من Meta مرة أخرى خلال لحظات.", "The answers will be read from Meta again in a moment."),
        ["leadAds.flash.notRetried"] = ("لم تعد هذه القراءة فاشلة؛ لا شيء لإعادته.", "That read is no longer failed; nothing to repeat."),
        ["leadAds.formAnswers"] = ("إجابات النموذج", "Form answers"),
    };
}
