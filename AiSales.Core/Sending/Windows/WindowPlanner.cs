using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Sending.Windows;

/// <summary>
/// The one place that knows Meta's messaging windows (FACTS §5.4). Both the send pipeline (before the provider
/// call) and the dashboard composer (before a person types) ask it, so they can never disagree:
/// - Messenger/Instagram: anything within 24 h of the customer's last message (RESPONSE); after that only a
///   person, with the HUMAN_AGENT tag, up to 7 days — never the AI.
/// - Private reply to a comment: one per comment, within 7 days of the comment; it does not need an open window.
/// - WhatsApp: free-form within 24 h; after that only an approved template picked by a person.
/// - Public reply under a comment: a comment, not a message, so no messaging window applies (Messenger/Instagram only).
/// Boundaries are strict: at exactly 24 h (or 7 days) the window is closed, because Meta's clock and ours differ
/// by the webhook latency and a send that fails with 10/2018278 or 131047 is worse than one we hold back.
/// </summary>
public sealed class WindowPlanner
{
    public static readonly TimeSpan StandardWindow = TimeSpan.FromHours(24);
    public static readonly TimeSpan HumanAgentWindow = TimeSpan.FromDays(7);
    public static readonly TimeSpan PrivateReplyWindow = TimeSpan.FromDays(7);
    public const string HumanAgentTag = "HUMAN_AGENT";

    public WindowDecision Plan(WindowRequest request)
    {
        if (request.IsPublicCommentReply)
            return PlanPublicCommentReply(request);

        if (request.CommentId is not null)
            return PlanPrivateReply(request);

        // A WhatsApp template needs no open window, not even a first message from the customer (a lead-form lead).
        if (request.Platform == ChannelPlatform.WhatsApp && request.IsTemplate)
            return PlanWhatsAppTemplate(request);

        if (request.LastCustomerMessageAt is not { } last)
        {
            return new WindowBlocked(WindowBlockReason.NoCustomerMessage,
                "The customer has not written to you yet, so no message can be sent.",
                "الزبون ما راسلك بعد، لذلك ما يمكن إرسال رسالة.",
                WindowAlternative.WaitForCustomer);
        }

        var elapsed = request.Now - last;
        if (request.Platform == ChannelPlatform.WhatsApp)
            return PlanWhatsApp(request, last, elapsed);

        if (elapsed < StandardWindow)
            return new WindowAllowed(MessagingType.Response);

        var humanUntil = last + HumanAgentWindow;
        if (request.Author == SendAuthor.Ai)
        {
            return elapsed < HumanAgentWindow
                ? new WindowBlocked(WindowBlockReason.WindowClosed,
                    "More than 24 hours since the customer's last message: the assistant may not reply. A person can still reply (human agent) until the time shown.",
                    "مرّت أكثر من 24 ساعة على آخر رسالة من الزبون: المساعد ما يگدر يرد. موظف يگدر يرد (رد بشري) لحد الوقت الظاهر.",
                    WindowAlternative.HumanAgentReply, humanUntil)
                : new WindowBlocked(WindowBlockReason.HumanAgentWindowClosed,
                    "More than 7 days since the customer's last message: nobody can message them until they write again.",
                    "مرّت أكثر من 7 أيام على آخر رسالة من الزبون: ما يمكن مراسلته لحد ما يكتب هو من جديد.",
                    WindowAlternative.WaitForCustomer);
        }

        if (elapsed < HumanAgentWindow)
            return new WindowAllowed(MessagingType.HumanAgent, HumanAgentTag);

        return new WindowBlocked(WindowBlockReason.HumanAgentWindowClosed,
            "More than 7 days since the customer's last message: nobody can message them until they write again.",
            "مرّت أكثر من 7 أيام على آخر رسالة من الزبون: ما يمكن مراسلته لحد ما يكتب هو من جديد.",
            WindowAlternative.WaitForCustomer);
    }

    private static WindowDecision PlanWhatsApp(WindowRequest request, DateTimeOffset last, TimeSpan elapsed)
    {
        if (elapsed < StandardWindow)
            return new WindowAllowed(MessagingType.Response);

        return new WindowBlocked(WindowBlockReason.TemplateRequired,
            request.Author == SendAuthor.Ai
                ? "More than 24 hours since the customer's last WhatsApp message: the assistant may not reply. A person can send an approved template."
                : "More than 24 hours since the customer's last WhatsApp message: only an approved template can be sent.",
            request.Author == SendAuthor.Ai
                ? "مرّت أكثر من 24 ساعة على آخر رسالة واتساب من الزبون: المساعد ما يگدر يرد. موظف يگدر يرسل قالب معتمد."
                : "مرّت أكثر من 24 ساعة على آخر رسالة واتساب من الزبون: تگدر ترسل بس قالب معتمد.",
            WindowAlternative.HumanTemplate);
    }

    // Templates are valid inside and outside the window, but they are a person's decision (cost, wording).
    private static WindowDecision PlanWhatsAppTemplate(WindowRequest request) =>
        request.Author == SendAuthor.Human
            ? new WindowAllowed(MessagingType.Template)
            : new WindowBlocked(WindowBlockReason.AiCannotUseTemplates,
                "The assistant never sends WhatsApp templates; a person must choose one.",
                "المساعد ما يرسل قوالب واتساب أبداً؛ لازم موظف يختار القالب.",
                WindowAlternative.HumanTemplate);

    private static WindowDecision PlanPublicCommentReply(WindowRequest request) =>
        request.Platform == ChannelPlatform.WhatsApp
            ? new WindowBlocked(WindowBlockReason.CommentReplyUnsupported,
                "WhatsApp has no comments to reply to.",
                "واتساب ما بيه تعليقات حتى ينرد عليها.",
                WindowAlternative.DirectMessage)
            : new WindowAllowed(MessagingType.Response);

    private static WindowDecision PlanPrivateReply(WindowRequest request)
    {
        if (request.Platform == ChannelPlatform.WhatsApp)
        {
            return new WindowBlocked(WindowBlockReason.PrivateReplyUnsupported,
                "WhatsApp has no comments to reply to privately.",
                "واتساب ما بيه تعليقات حتى ينرد عليها برسالة خاصة.",
                WindowAlternative.DirectMessage);
        }

        if (request.PrivateReplyAlreadySent)
        {
            return new WindowBlocked(WindowBlockReason.PrivateReplyAlreadySent,
                "A private reply to this comment was already sent; Meta allows only one. Continue in the direct messages once the customer answers.",
                "انرسل رد خاص على هذا التعليق من قبل، وميتا تسمح بواحد بس. كمّل بالرسائل الخاصة من يرد الزبون.",
                WindowAlternative.DirectMessage);
        }

        var commentAt = request.CommentCreatedAt ?? request.LastCustomerMessageAt;
        if (commentAt is { } at && request.Now - at < PrivateReplyWindow)
            return new WindowAllowed(MessagingType.PrivateReply);

        return new WindowBlocked(WindowBlockReason.PrivateReplyExpired,
            "This comment is more than 7 days old: a private reply is no longer possible.",
            "هذا التعليق صار عمره أكثر من 7 أيام: ما يمكن الرد عليه برسالة خاصة.",
            WindowAlternative.WaitForCustomer);
    }
}
