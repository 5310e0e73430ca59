namespace AiSales.Core.Inbound.Events;

/// <summary>
/// A lead ads form submission (Page webhook, <c>changes[].field</c> "leadgen"). The webhook carries ids only; the answers
/// are read from Graph with the Page token (AiSales.Core.LeadAds). <see cref="AdId"/>/<see cref="AdgroupId"/> are absent
/// for organic, ad-preview and testing-tool leads. Ids stay strings (ad ids exceed 2^53; Meta's doc sample sends numbers).
/// </summary>
public sealed record LeadgenEvent : InboundEvent
{
    public required string LeadgenId { get; init; }
    public string? PageId { get; init; }
    public string? FormId { get; init; }
    public string? AdId { get; init; }
    public string? AdgroupId { get; init; }

    /// <summary>
    /// The App Dashboard "Test" button's fake delivery (entry id "0", ids 444…): Graph cannot read it, so it is recorded
    /// as a test lead and never fetched.
    /// </summary>
    public bool IsDashboardTest { get; init; }
}
