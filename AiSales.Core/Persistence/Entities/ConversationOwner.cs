namespace AiSales.Core.Persistence.Entities;

/// <summary>Who answers: the AI, or a human (the AI stays silent).</summary>
public enum ConversationOwner
{
    Ai,
    Human
}
