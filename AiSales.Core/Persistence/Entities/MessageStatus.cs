namespace AiSales.Core.Persistence.Entities;

/// <summary>Lifecycle of a message; delivery and read statuses only ever move it forward.</summary>
public enum MessageStatus
{
    Received,
    Pending,
    Queued,
    Sending,
    Sent,
    Delivered,
    Read,
    Failed
}
