namespace AiSales.Dashboard.Localization;

public static partial class UiText
{
    /// <summary>Why an outbound message waits or failed (SendFailureText), under the message in a conversation.</summary>
    private static Dictionary<string, (string Ar, string En)> SendFailureTexts() => new()
    {
        ["send.details"] = ("النص الأصلي", "Original text"),
        ["send.why.rate_limited"] = ("بانتظار دورها: بلغنا حدّ الإرسال المسموح، وستُرسل تلقائياً بعد قليل.", "Waiting its turn: the sending limit was reached; it goes out by itself shortly."),
        ["send.why.reconnect"] = ("ربط القناة انتهى: أعد ربطها من صفحة القنوات وستُرسل الرسائل المنتظرة.", "The channel's connection ended: reconnect it on the Channels page and waiting messages go out."),
        ["send.why.retried_by_operator"] = ("أعادها الدعم الفني إلى الطابور.", "Queued again by support."),
        ["send.why.retrying"] = ("خطأ مؤقت من المنصة: ستُعاد المحاولة تلقائياً.", "A temporary platform error: it will be tried again automatically."),
        ["send.why.gave_up"] = ("لم تُرسل: تكررت أخطاء المنصة المؤقتة حتى نفدت المحاولات.", "Not sent: the platform's temporary errors lasted until the attempts ran out."),
        ["send.why.dead_lettered"] = ("لم تُرسل بسبب خطأ في النظام، ولم يصل شيء للزبون. يستطيع الدعم الفني إعادة المحاولة.", "Not sent because of a system error; nothing reached the customer. Support can retry it."),
        ["send.why.outcome_unknown"] = ("لا نعرف إن وصلت: لم تردّ المنصة، ولن تُعاد تلقائياً حتى لا تصل مرتين.", "Unknown whether it arrived: the platform did not answer, and it is not resent so it cannot arrive twice."),
        ["send.why.no_customer_message"] = ("لا يمكن الإرسال: الزبون لم يراسلك بعد.", "Cannot be sent: the customer has not written to you yet."),
        ["send.why.window_closed"] = ("انتهت مهلة الرد بعد آخر رسالة من الزبون.", "The time to reply after the customer's last message is over."),
        ["send.why.human_agent_window_closed"] = ("مرّت أكثر من ٧ أيام على آخر رسالة من الزبون: لا يمكن مراسلته حتى يكتب من جديد.", "More than 7 days since the customer's last message: nobody can message them until they write again."),
        ["send.why.template_required"] = ("مرّت أكثر من ٢٤ ساعة على آخر رسالة من الزبون في واتساب: يلزم قالب معتمد.", "More than 24 hours since the customer's last WhatsApp message: an approved template is needed."),
        ["send.why.ai_cannot_use_templates"] = ("المساعد لا يرسل قوالب واتساب: يختار الموظف القالب.", "The assistant never sends WhatsApp templates: a person chooses one."),
        ["send.why.private_reply_already_sent"] = ("سبق إرسال رد خاص على هذا التعليق، وميتا تسمح برد واحد فقط.", "A private reply to this comment was already sent; Meta allows only one."),
        ["send.why.private_reply_expired"] = ("عمر التعليق أكثر من ٧ أيام: لم يعد الرد الخاص ممكناً.", "The comment is more than 7 days old: a private reply is no longer possible."),
        ["send.why.private_reply_unsupported"] = ("هذه القناة لا تدعم الرد الخاص على التعليقات.", "This channel has no private replies to comments."),
        ["send.why.comment_reply_unsupported"] = ("هذه القناة لا تدعم الرد على التعليقات.", "This channel has no comments to reply to."),
        ["send.why.unavailable"] = ("الزبون لا يستقبل الرسائل حالياً (قد يكون حظر الصفحة أو أوقف الرسائل).", "The customer cannot receive messages right now (they may have blocked the page or turned messages off)."),
        ["send.why.undeliverable"] = ("تعذّر توصيلها: قد لا يكون الرقم على واتساب، أو لم يوافق على شروطه الأخيرة.", "Undeliverable: the number may not be on WhatsApp or has not accepted its latest terms."),
    };
}
