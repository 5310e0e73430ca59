namespace AiSales.Core.Messaging;

/// <summary>
/// Queue message: scheduled after a human spoke in a conversation (merchant's human_quiet_minutes later).
/// Hands the conversation back to the AI only if no human message arrived after <paramref name="HumanMessageAt"/>.
/// </summary>
public sealed record HandBackToAi(Guid ConversationId, DateTimeOffset HumanMessageAt);
