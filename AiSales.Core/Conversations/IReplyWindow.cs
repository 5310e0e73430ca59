using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Conversations;

/// <summary>
/// Whether a human reply may be sent now, and under which messaging type. The composer asks this; the lead
/// swaps the simple <see cref="ReplyWindow"/> for the sending work's WindowPlanner later.
/// </summary>
public interface IReplyWindow
{
    ReplyWindowDecision Decide(ChannelPlatform platform, DateTimeOffset? lastCustomerMessageAt, DateTimeOffset now);
}

/// <summary><paramref name="ClosesAt"/> is when the current permission ends (null when sending is not possible).</summary>
public sealed record ReplyWindowDecision(bool CanSend, MessagingType MessagingType, DateTimeOffset? ClosesAt, string Reason);
