namespace AiSales.Core.Persistence.Entities;

/// <summary>Pipeline stage of a contact.</summary>
public enum LeadStage
{
    New,
    Engaged,
    Interested,
    Ordering,
    Won,
    Lost
}
