namespace AiSales.Core.Persistence.Entities;

/// <summary>A user's role inside one merchant.</summary>
public enum MemberRole
{
    Owner,
    Agent
}
