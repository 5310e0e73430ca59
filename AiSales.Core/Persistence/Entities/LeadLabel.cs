namespace AiSales.Core.Persistence.Entities;

/// <summary>Temperature of a lead, derived from its score.</summary>
public enum LeadLabel
{
    Hot,
    Warm,
    Cold
}
