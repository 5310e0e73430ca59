namespace AiSales.Core.Persistence.Entities;

/// <summary>Where a contact came from (contacts.first_touch / last_touch, jsonb, snake_case keys).</summary>
public class Attribution
{
    /// <summary>ad, post, comment, story, ref, ctwa, lead_form, organic...</summary>
    public string? Source { get; set; }
    public string? AdId { get; set; }
    public string? PostId { get; set; }
    public string? MediaId { get; set; }
    public string? CommentId { get; set; }
    public string? StoryId { get; set; }
    public string? Ref { get; set; }
    public string? CtwaClid { get; set; }
    /// <summary>Lead ads: the campaign, ad set and form the lead came through (chat leads from ads have only the ad id).</summary>
    public string? CampaignId { get; set; }
    public string? AdsetId { get; set; }
    public string? FormId { get; set; }
    /// <summary>Lead ads: Meta's leadgen id, the key a form lead is fetched and de-duplicated by.</summary>
    public string? LeadgenId { get; set; }
    public DateTimeOffset? At { get; set; }
}
