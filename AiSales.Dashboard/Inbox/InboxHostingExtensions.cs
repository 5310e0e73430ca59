using AiSales.Core.Conversations;
using AiSales.Core.Sending;

namespace AiSales.Dashboard.Inbox;

public static class InboxHostingExtensions
{
    /// <summary>The inbox: conversations and their actions (take over, hand back, reply, reply to a comment); replies are
    /// queued for the Worker to send, within the platform's reply window.</summary>
    public static IHostApplicationBuilder AddInbox(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddReplyWindow();
        services.AddSingleton<OutboundMessageQueue>();
        services.AddSingleton<HandBackReply>();
        services.AddSingleton<CommentReplyQueue>();
        services.AddScoped<InboxQueries>();
        services.AddScoped<ConversationActions>();
        return builder;
    }
}
