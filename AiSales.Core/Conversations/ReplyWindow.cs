using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Conversations;

/// <summary>
/// Meta's rules, simply: a normal reply within 24 h of the customer's last message; after that, on Instagram and
/// Messenger, a human may still answer with the HUMAN_AGENT tag for up to 7 days; WhatsApp needs a template.
/// </summary>
public sealed class ReplyWindow : IReplyWindow
{
    public static readonly TimeSpan StandardWindow = TimeSpan.FromHours(24);
    public static readonly TimeSpan HumanAgentWindow = TimeSpan.FromDays(7);

    public ReplyWindowDecision Decide(ChannelPlatform platform, DateTimeOffset? lastCustomerMessageAt, DateTimeOffset now)
    {
        if (lastCustomerMessageAt is not { } last)
            return new(false, MessagingType.Response, null, "no_customer_message");
        if (now - last < StandardWindow)
            return new(true, MessagingType.Response, last + StandardWindow, "standard_window");
        if (platform != ChannelPlatform.WhatsApp && now - last < HumanAgentWindow)
            return new(true, MessagingType.HumanAgent, last + HumanAgentWindow, "human_agent");
        return new(false, platform == ChannelPlatform.WhatsApp ? MessagingType.Template : MessagingType.HumanAgent, null,
            platform == ChannelPlatform.WhatsApp ? "template_required" : "window_closed");
    }
}
