namespace AiSales.Core.Persistence.Entities;

/// <summary>Where a contact came from (contacts.first_touch / last_touch, jsonb, snake_case keys).</summary>
public class Attribution
{
    /// <summary>ad, post, comment, story, ref, ctwa, organic...</summary>
    public string? Source { get; set; }
    public string? AdId { get; set; }
    public string? PostId { get; set; }
    public string? MediaId { get; set; }
    public string? CommentId { get; set; }
    public string? StoryId { get; set; }
    public string? Ref { get; set; }
    public string? CtwaClid { get; set; }
    public DateTimeOffset? At { get; set; }
}
