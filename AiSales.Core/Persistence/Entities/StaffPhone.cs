namespace AiSales.Core.Persistence.Entities;

/// <summary>
/// A team member's WhatsApp number linked to their dashboard account through one of the shop's WhatsApp numbers.
/// Verified (<see cref="VerifiedAt"/>) once they typed the code the shop's number sent them; from then on what it
/// writes to that shop number goes to the staff assistant, never to the customer pipeline.
/// </summary>
public class StaffPhone
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public Guid UserId { get; set; }
    public Guid ChannelAccountId { get; set; }
    /// <summary>WhatsApp id: international number in digits (9647701234567).</summary>
    public string Phone { get; set; } = "";
    /// <summary>SHA-256 of the verification code; null once verified.</summary>
    public byte[]? CodeHash { get; set; }
    public DateTimeOffset? CodeExpiresAt { get; set; }
    public int CodeAttempts { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    /// <summary>A destructive command waiting for the member's "yes" (jsonb).</summary>
    public string? PendingCommand { get; set; }
    public DateTimeOffset? PendingUntil { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>One message between a staff phone and the staff assistant (never part of the customer inbox).</summary>
public class StaffMessage
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public Guid StaffPhoneId { get; set; }
    public MessageDirection Direction { get; set; }
    public string Text { get; set; } = "";
    public StaffMessageStatus Status { get; set; }
    /// <summary>What the assistant understood an inbound message as (orders.today, order.status, question.sales …).</summary>
    public string? Intent { get; set; }
    public string? ExternalId { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>Inbound: received → handled. Outbound: pending → sending → sent | failed.</summary>
public enum StaffMessageStatus
{
    Received,
    Handled,
    Pending,
    Sending,
    Sent,
    Failed,
}
