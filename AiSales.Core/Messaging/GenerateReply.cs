namespace AiSales.Core.Messaging;

/// <summary>
/// Queue message: draft and queue one reply for a conversation the AI owns. The inbound pipeline sends one per
/// customer message, due after the merchant's debounce; a burst still gets one reply, because the job of any message
/// that is no longer the latest customer message drops itself (TurnPolicy) and the latest one answers them all.
/// </summary>
public sealed record GenerateReply(Guid ConversationId, Guid TriggerMessageId);
