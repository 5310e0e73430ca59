namespace AiSales.Core.Persistence.Entities;

/// <summary>
/// One Meta lead form submission (migration 0013): what the leadgen webhook said, whether its answers were read from
/// Graph, and the contact they made. Written by the inbound pipeline and the Worker's lead read (AiSales.Core.LeadAds).
/// </summary>
public class LeadFormSubmission
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public Guid ChannelAccountId { get; set; }
    public string LeadgenId { get; set; } = "";
    public string? PageId { get; set; }
    public string? FormId { get; set; }
    public string? AdId { get; set; }
    public string? AdsetId { get; set; }
    public string? CampaignId { get; set; }
    /// <summary><see cref="LeadFormStatuses"/>: pending, fetched, failed, test.</summary>
    public string Status { get; set; } = LeadFormStatuses.Pending;
    /// <summary>jsonb: {question key: [values]} as the form returned them.</summary>
    public string Answers { get; set; } = "{}";
    public Guid? ContactId { get; set; }
    public int Attempts { get; set; }
    public string? LastErrorCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? FetchedAt { get; set; }
    /// <summary><see cref="LeadGreetings"/>: what greeting the lead on WhatsApp came to (null before the lead is read).</summary>
    public string? Greeting { get; set; }
    public Guid? GreetingMessageId { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>The values of lead_form_submissions.status (CHECK ck_lead_form_submissions_status).</summary>
public static class LeadFormStatuses
{
    public const string Pending = "pending";
    public const string Fetched = "fetched";
    public const string Failed = "failed";
    public const string Test = "test";
}
