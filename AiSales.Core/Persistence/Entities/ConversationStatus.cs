namespace AiSales.Core.Persistence.Entities;

/// <summary>At most one open conversation per contact.</summary>
public enum ConversationStatus
{
    Open,
    Closed
}
