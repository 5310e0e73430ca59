namespace AiSales.Core.Persistence.Entities;

/// <summary>Who wrote a message.</summary>
public enum MessageAuthor
{
    Customer,
    Ai,
    Human,
    System
}
