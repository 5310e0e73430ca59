namespace AiSales.Core.Persistence.Entities;

/// <summary>
/// One order event for Meta's Conversions API (capi_events, migration 0017), as EF maps it for the schema checks and
/// simple reads; the trigger writes the rows and the send job moves them with SQL (docs/conversions.md).
/// </summary>
public class CapiEvent
{
    public long Id { get; set; }
    public Guid MerchantId { get; set; }
    public Guid AdAccountId { get; set; }
    public Guid OrderId { get; set; }
    public long OrderNumber { get; set; }
    public string EventKey { get; set; } = "";
    public string EventName { get; set; } = "";
    public string EventId { get; set; } = "";
    public DateTimeOffset EventTime { get; set; }
    public long ValueIqd { get; set; }
    public string Currency { get; set; } = "IQD";
    public string? Channel { get; set; }
    public string State { get; set; } = "pending";
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? QueuedAt { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public string? ErrorKind { get; set; }
    public string? LastError { get; set; }
    public int? LastErrorCode { get; set; }
    public string? FbtraceId { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
