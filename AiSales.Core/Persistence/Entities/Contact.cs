namespace AiSales.Core.Persistence.Entities;

/// <summary>A customer as seen by one channel account (PSID / IGSID / wa_id), and their lead state.</summary>
public class Contact
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public Guid ChannelAccountId { get; set; }
    public string ExternalId { get; set; } = "";
    public string? DisplayName { get; set; }
    public string? Username { get; set; }
    public string? Phone { get; set; }
    public LeadStage Stage { get; set; } = LeadStage.New;
    public LeadLabel Label { get; set; } = LeadLabel.Cold;
    public int Score { get; set; }
    /// <summary>What first brought the contact in (kept forever).</summary>
    public Attribution? FirstTouch { get; set; }
    /// <summary>The most recent ad/post/story/ref that brought them back.</summary>
    public Attribution? LastTouch { get; set; }
    public DateTimeOffset? LastCustomerMessageAt { get; set; }
    /// <summary>What the merchant's CRM (Odoo) reports: expected revenue in IQD, probability 0–100, its stage name.</summary>
    public long? ExpectedRevenueIqd { get; set; }
    public decimal? Probability { get; set; }
    public string? CrmStage { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
