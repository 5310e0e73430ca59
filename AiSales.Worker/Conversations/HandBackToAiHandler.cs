using AiSales.Core.Conversations;
using AiSales.Core.Messaging;
using Npgsql;

namespace AiSales.Worker.Conversations;

/// <summary>The human's quiet period is over: give the conversation back to the AI unless they spoke again.</summary>
public sealed class HandBackToAiHandler(NpgsqlDataSource dataSource, ILogger<HandBackToAiHandler> logger)
{
    public async Task Handle(HandBackToAi message, CancellationToken ct)
    {
        var handedBack = await OwnershipRules.HandBackAsync(dataSource, message.ConversationId, message.HumanMessageAt, ct);
        logger.LogInformation(
            handedBack ? "Conversation {ConversationId} handed back to the AI" : "Conversation {ConversationId} stays with the human (spoke again or already AI)",
            message.ConversationId);
    }
}
