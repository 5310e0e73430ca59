namespace AiSales.Core.Persistence.Entities;

/// <summary>What happened to a lead.</summary>
public enum LeadActivityKind
{
    StageChanged,
    LabelChanged,
    ScoreChanged,
    Note,
    Handoff,
    OwnerChanged,
    Attribution
}
