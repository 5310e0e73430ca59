namespace AiSales.Core.Messaging;

/// <summary>
/// Queue message: draft and queue one reply for a conversation the AI owns. Scheduled by the inbound
/// pipeline with <c>DeliveryOptions { ScheduleDelay = debounce, DeduplicationId = $"reply:{conversationId}" }</c>,
/// so each new customer message replaces the waiting job and a burst gets one reply.
/// </summary>
public sealed record GenerateReply(Guid ConversationId, Guid TriggerMessageId);
