namespace AiSales.Core.Persistence.Entities;

/// <summary>State of one row in the outbound ledger.</summary>
public enum SendState
{
    Pending,
    Sending,
    Sent,
    Failed
}
