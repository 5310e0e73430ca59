using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending.Windows;

namespace AiSales.Core.Conversations;

/// <summary>
/// The composer's view of <see cref="WindowPlanner"/> for a person replying: whether sending is possible now,
/// under which messaging type, and until when. The rules themselves live only in the planner, so the composer
/// and the send pipeline can never disagree.
/// </summary>
public sealed class ReplyWindow(WindowPlanner planner) : IReplyWindow
{
    public ReplyWindowDecision Decide(ChannelPlatform platform, DateTimeOffset? lastCustomerMessageAt, DateTimeOffset now)
    {
        var decision = planner.Plan(new WindowRequest(platform, SendAuthor.Human, lastCustomerMessageAt, now));
        return decision switch
        {
            WindowAllowed { MessagingType: MessagingType.Response } =>
                new(true, MessagingType.Response, lastCustomerMessageAt + WindowPlanner.StandardWindow, "standard_window"),
            WindowAllowed allowed =>
                new(true, allowed.MessagingType, lastCustomerMessageAt + WindowPlanner.HumanAgentWindow, "human_agent"),
            WindowBlocked { Reason: WindowBlockReason.TemplateRequired } =>
                new(false, MessagingType.Template, null, "template_required"),
            WindowBlocked blocked => new(false, MessagingType.HumanAgent, null, blocked.Reason),
            _ => throw new InvalidOperationException($"Unexpected window decision {decision}."),
        };
    }
}
