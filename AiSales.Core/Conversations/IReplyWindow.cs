using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Conversations;

/// <summary>
/// Whether a human reply may be sent now, and under which messaging type. The composer asks this;
/// <see cref="ReplyWindow"/> answers from the one WindowPlanner.
/// </summary>
public interface IReplyWindow
{
    ReplyWindowDecision Decide(ChannelPlatform platform, DateTimeOffset? lastCustomerMessageAt, DateTimeOffset now);
}

/// <summary><paramref name="ClosesAt"/> is when the current permission ends (null when sending is not possible).</summary>
public sealed record ReplyWindowDecision(bool CanSend, MessagingType MessagingType, DateTimeOffset? ClosesAt, string Reason);
