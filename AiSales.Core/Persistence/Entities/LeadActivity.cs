namespace AiSales.Core.Persistence.Entities;

/// <summary>One entry of a contact's lead history (why the stage, label or score changed).</summary>
public class LeadActivity
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public Guid ContactId { get; set; }
    public LeadActivityKind Kind { get; set; }
    public string? FromValue { get; set; }
    public string? ToValue { get; set; }
    public int? Score { get; set; }
    /// <summary>Human-readable reasons behind a score, e.g. "asked for price".</summary>
    public List<string> Reasons { get; set; } = [];
    public Guid? MessageId { get; set; }
    /// <summary>"system", "ai", or a user id.</summary>
    public string Actor { get; set; } = "system";
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
