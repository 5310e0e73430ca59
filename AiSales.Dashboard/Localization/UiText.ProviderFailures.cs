namespace AiSales.Dashboard.Localization;

public static partial class UiText
{
    /// <summary>
    /// Why a call to Meta failed (ProviderFailureText), on the Lead ads, CRM and Conversions pages: what happened and what
    /// fixes it, per call where the fix differs (which token, which permission, which id). Odoo's are the int.problem.* texts.
    /// </summary>
    private static Dictionary<string, (string Ar, string En)> ProviderFailureTexts() => new()
    {
        ["fail.token.LeadRead"] = ("انتهى وصول الصفحة إلى ميتا (انتهت صلاحية الرمز أو سُحب الإذن): أعد ربط الصفحة من صفحة القنوات ثم اضغط «إعادة القراءة».",
            "The Page's access to Meta ended (its token expired or was revoked): reconnect the Page on the Channels page, then press Read again."),
        ["fail.token.AdAccount"] = ("ميتا لم تعد تقبل رمز حساب الإعلانات (انتهت صلاحيته أو سُحب): الصق رمزاً جديداً في نموذج الربط أدناه.",
            "Meta no longer accepts this ad account's token (it expired or was revoked): paste a new token in the connect form below."),
        ["fail.token.Conversions"] = ("ميتا لم تعد تقبل الرمز المستخدم للأحداث (انتهت صلاحيته أو سُحب): الصق رمزاً جديداً هنا أو أعد ربط حساب الإعلانات من صفحة الحملات.",
            "Meta no longer accepts the token used for events (it expired or was revoked): paste a new token here or reconnect the ad account on the campaigns page."),
        ["fail.permission.LeadRead"] = ("ربط الصفحة ينقصه إذن قراءة العملاء (leads_retrieval): أعد ربط الصفحة ووافق على هذا الإذن، وإن كان «مدير الوصول إلى العملاء» مفعّلاً فامنح تطبيقنا الوصول من إعدادات الصفحة في Meta Business Suite.",
            "The Page's connection lacks the permission to read leads (leads_retrieval): reconnect the Page and allow it; if Leads Access Manager is on, give our app access in the Page's settings in Meta Business Suite."),
        ["fail.permission.AdAccount"] = ("الرمز ينقصه إذن ads_read أو الوصول إلى هذا الحساب: أنشئ رمزاً بإذن ads_read لمستخدم يرى الحساب والصقه أدناه.",
            "The token lacks the ads_read permission or access to this ad account: make a token with ads_read for a user who can see the account and paste it below."),
        ["fail.permission.Conversions"] = ("الرمز لا يملك صلاحية على مجموعة البيانات (البكسل): امنح مستخدمه الوصول إليها من مدير الأحداث، أو الصق رمز مستخدم نظام يملكها.",
            "The token has no access to the dataset (pixel): give its user access to the dataset in Events Manager, or paste a system-user token that has it."),
        ["fail.object.LeadRead"] = ("ميتا لا تعطي هذا العميل: إما أنه لم يعد موجوداً (عميل تجريبي أو نموذج محذوف)، أو أن رمز الصفحة لا يرى عملاء هذا النموذج.",
            "Meta does not give this lead: it no longer exists (a test lead or a deleted form), or the Page's token cannot see this form's leads."),
        ["fail.object.AdAccount"] = ("ميتا لا تعرف رقم حساب الإعلانات هذا أو أن الرمز لا يراه: تأكد من الرقم (act_…) ومن أن صاحب الرمز يصل إلى الحساب.",
            "Meta does not know this ad account id, or the token cannot see it: check the id (act_…) and that the token's user has access to the account."),
        ["fail.object.Conversions"] = ("ميتا رفضت الحدث: تأكد من رقم مجموعة البيانات (البكسل) في مدير الأحداث ومن أن الرمز يستطيع استخدامها.",
            "Meta refused the event: check the dataset (pixel) id in Events Manager and that the token can use that dataset."),
        ["fail.rate_limited.retrying"] = ("ميتا تحدّ من عدد الطلبات حالياً: سنحاول مرة أخرى تلقائياً.", "Meta is limiting how many calls we make right now: we will try again on our own."),
        ["fail.rate_limited.gave_up"] = ("استمرّت ميتا بالحدّ من عدد الطلبات حتى نفدت المحاولات: أعد المحاولة بعد قليل.", "Meta kept limiting our calls until the attempts ran out: try again in a while."),
        ["fail.temporary.retrying"] = ("خطأ مؤقت لدى ميتا أو لم تردّ في الوقت: سنحاول مرة أخرى تلقائياً.", "A temporary error at Meta, or no answer in time: we will try again on our own."),
        ["fail.temporary.gave_up"] = ("تكرر الخطأ المؤقت لدى ميتا حتى نفدت المحاولات: أعد المحاولة بعد قليل.", "Meta's temporary errors lasted until the attempts ran out: try again in a while."),
        ["fail.lead.not_meta"] = ("هذه الصفحة غير مربوطة بميتا مباشرة (تجريبية أو عبر ManyChat)، لذلك لا يمكن قراءة عملائها.",
            "This Page is not connected to Meta directly (sandbox or ManyChat), so its leads cannot be read."),
        ["fail.lead.bad_response"] = ("ردّت ميتا بدون إجابات العميل: اضغط «إعادة القراءة».", "Meta answered without the lead's answers: press Read again."),
        ["fail.lead.dead_lettered"] = ("أوقف خطأ في نظامنا القراءة أكثر من مرة: اضغط «إعادة القراءة»، وإن تكرر فتواصل مع الدعم.",
            "An error in our system stopped the read several times: press Read again, and contact support if it happens again."),
    };
}
