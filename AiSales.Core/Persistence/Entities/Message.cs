namespace AiSales.Core.Persistence.Entities;

public class Message
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public Guid ConversationId { get; set; }
    /// <summary>Copied from the conversation so (channel_account_id, external_id) can be unique.</summary>
    public Guid ChannelAccountId { get; set; }
    public MessageDirection Direction { get; set; }
    public MessageAuthor Author { get; set; }
    public MessageKind Kind { get; set; } = MessageKind.Text;
    public string? Text { get; set; }
    /// <summary>What a voice note says, when a transcription provider is configured (docs/media.md).</summary>
    public string? Transcript { get; set; }
    public List<MessageAttachment> Attachments { get; set; } = [];
    /// <summary>mid / wamid / comment id; null until an outbound message is sent.</summary>
    public string? ExternalId { get; set; }
    public string? ReplyToExternalId { get; set; }
    public string? StoryId { get; set; }
    public string? CommentId { get; set; }
    public string? MediaId { get; set; }
    /// <summary>Raw referral object (ad, ref link, CTWA) as received (jsonb).</summary>
    public string? Referral { get; set; }
    /// <summary>The product an AI reply was about (the first it named); null otherwise.</summary>
    public Guid? ProductId { get; set; }
    public DateTimeOffset? ExternalTimestamp { get; set; }
    public MessageStatus Status { get; set; }
    /// <summary>Human-readable reason for the current status, e.g. "queued: rate limit".</summary>
    public string? StatusDetail { get; set; }
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public List<MessageReaction> Reactions { get; set; } = [];
    /// <summary>W3C traceparent of the webhook that brought it in (or the send that produced it).</summary>
    public string? TraceParent { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
