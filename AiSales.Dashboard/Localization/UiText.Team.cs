namespace AiSales.Dashboard.Localization;

public static partial class UiText
{
    /// <summary>
    /// The Team page: linking team members' WhatsApp numbers to their accounts (StaffPhoneLinks). Phone numbers inside
    /// Arabic sentences sit between LTR isolates (U+2066 … U+2069): otherwise the RTL paragraph shows "+964 770 123 4567"
    /// as "4567 123 770 964+".
    /// </summary>
    private static Dictionary<string, (string Ar, string En)> TeamTexts() => new()
    {
        ["nav.team"] = ("الفريق والواتساب", "Team & WhatsApp"),
        ["team.title"] = ("أرقام الفريق على الواتساب", "Team WhatsApp numbers"),
        ["team.intro"] = ("اربط رقم واتساب كل موظف بحسابه. الرقم المربوط يگدر يراسل رقم واتساب المحل ويدير الشغل من هناك: يسأل عن طلبات اليوم والمبيعات، يغيّر حالة طلب، يسأل عن المخزون والأسعار. رسائله تروح لمساعد الفريق وما تدخل مع رسائل الزبائن. الرقم اللي مو مربوط يبقى زبون عادي.",
            "Link each team member's WhatsApp number to their account. A linked number can message the shop's WhatsApp number and run the shop from there: ask about today's orders and sales, change an order's status, check stock and prices. Its messages go to the team assistant, never into the customer inbox. A number that is not linked stays a customer as before."),
        ["team.howItWorks"] = ("نرسل رمز من 6 أرقام من رقم واتساب المحل للرقم اللي تضيفه. الموظف يدخل الرمز هنا (أو يگلك عليه وانت تدخله) خلال 10 دقائق، وبعدها يصير الرقم مربوط.",
            "We send a 6-digit code from the shop's WhatsApp number to the number you add. The member types the code here (or tells you and you type it) within 10 minutes; then the number is linked."),
        ["team.noWhatsApp"] = ("ما عندك رقم واتساب مربوط بالمحل بعد. اربط رقم واتساب للأعمال من صفحة القنوات حتى تگدر تربط أرقام الفريق.",
            "Your shop has no WhatsApp number connected yet. Connect a WhatsApp Business number on the Channels page to link your team's numbers."),
        ["team.goToChannels"] = ("روح لصفحة القنوات", "Go to Channels"),
        ["team.link.title"] = ("ربط رقم جديد", "Link a number"),
        ["team.member"] = ("الموظف", "Team member"),
        ["team.phone"] = ("رقم الواتساب", "WhatsApp number"),
        ["team.phoneHint"] = ("مثل \u206607701234567\u2069 أو \u2066+964 770 123 4567\u2069", "e.g. 07701234567 or +964 770 123 4567"),
        ["team.shopNumber"] = ("عن طريق رقم المحل", "Through the shop number"),
        ["team.sendCode"] = ("إرسال رمز التحقق", "Send verification code"),
        ["team.ownerOnly"] = ("بس صاحب المحل يگدر يربط أو يلغي أرقام الفريق.", "Only the shop's owners can link or unlink team numbers."),
        ["team.members"] = ("أعضاء الفريق", "Team members"),
        ["team.role.owner"] = ("صاحب المحل", "Owner"),
        ["team.role.agent"] = ("موظف", "Agent"),
        ["team.noPhones"] = ("ما عنده رقم مربوط.", "No number linked."),
        ["team.you"] = ("أنت", "You"),
        ["team.via"] = ("عن طريق {0}", "via {0}"),
        ["team.state.waiting"] = ("ينتظر الرمز", "Waiting for the code"),
        ["team.state.verified"] = ("مربوط ✓", "Linked ✓"),
        ["team.state.send_failed"] = ("ما وصلت رسالة الرمز", "Code message failed"),
        ["team.state.expired"] = ("انتهت صلاحية الرمز", "Code expired"),
        ["team.state.locked"] = ("محاولات خاطئة كثيرة", "Too many wrong codes"),
        ["team.sendFailedHelp"] = ("واتساب يسمح لرقم المحل يراسل الرقم بس إذا راسل المحل خلال آخر 24 ساعة. خلّي الموظف يرسل أي رسالة لرقم المحل، وبعدها اضغط «إرسال رمز جديد».",
            "WhatsApp lets the shop's number message someone only within 24 hours of their last message. Ask the member to send any message to the shop's number, then press \"Send a new code\"."),
        ["team.expiresAt"] = ("الرمز صالح لغاية {0}", "Code valid until {0}"),
        ["team.verifiedAt"] = ("مربوط من {0}", "Linked since {0}"),
        ["team.code"] = ("الرمز", "Code"),
        ["team.verify"] = ("تأكيد", "Verify"),
        ["team.resend"] = ("إرسال رمز جديد", "Send a new code"),
        ["team.unlink"] = ("إلغاء الربط", "Unlink"),
        ["team.unlinkConfirm"] = ("متأكد؟ هذا الرقم راح يرجع زبون عادي وما يگدر يدير المحل من الواتساب.", "Are you sure? This number becomes a customer again and can no longer run the shop from WhatsApp."),
        ["team.unlinkYes"] = ("نعم، ألغِ الربط", "Yes, unlink"),
        ["team.result.started"] = ("انرسل رمز التحقق للرقم. دخّله هنا خلال 10 دقائق.", "The verification code was sent to the number. Type it here within 10 minutes."),
        ["team.result.resent"] = ("انرسل رمز جديد. الرمز القديم ما يشتغل بعد.", "A new code was sent. The old code no longer works."),
        ["team.result.verified"] = ("تم ربط الرقم. يگدر هسه يراسل رقم المحل كموظف.", "The number is linked. It can now message the shop's number as staff."),
        ["team.result.unlinked"] = ("انلغى ربط الرقم. صار زبون عادي.", "The number was unlinked. It is a customer again."),
        ["team.result.not_owner"] = ("بس صاحب المحل يگدر يسوي هذا.", "Only the shop's owner can do this."),
        ["team.result.not_member"] = ("هذا الحساب مو من فريق المحل.", "That account is not a member of this shop."),
        ["team.result.not_whats_app_channel"] = ("اختار رقم واتساب من أرقام المحل المربوطة.", "Choose one of the shop's connected WhatsApp numbers."),
        ["team.result.invalid_phone"] = ("الرقم مو صحيح. اكتبه مثل \u206607701234567\u2069 أو \u2066+964 770 123 4567\u2069 (للأرقام خارج العراق اكتب رمز الدولة).", "That number does not look right. Write it like 07701234567 or +964 770 123 4567 (outside Iraq, include the country code)."),
        ["team.result.already_linked"] = ("هذا الرقم مربوط من قبل على نفس رقم المحل.", "This number is already linked through that shop number."),
        ["team.result.not_found"] = ("الرقم مو موجود (يمكن انلغى ربطه).", "That number was not found (it may have been unlinked)."),
        ["team.result.already_verified"] = ("هذا الرقم مربوط ومتحقق منه من قبل.", "This number is already verified."),
        ["team.result.too_soon"] = ("انرسل رمز قبل أقل من دقيقة. انتظر شوية وجرّب مرة ثانية.", "A code was sent less than a minute ago. Wait a moment and try again."),
        ["team.result.wrong_code"] = ("الرمز غلط. باقي {0} محاولات.", "Wrong code. {0} attempts left."),
        ["team.result.locked"] = ("صار هواية محاولات غلط. اضغط «إرسال رمز جديد».", "Too many wrong codes. Press \"Send a new code\"."),
        ["team.result.expired"] = ("انتهت صلاحية الرمز. اضغط «إرسال رمز جديد».", "The code has expired. Press \"Send a new code\"."),
    };
}
