namespace AiSales.Core.Persistence.Entities;

public class Conversation
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public Guid ChannelAccountId { get; set; }
    public Guid ContactId { get; set; }
    public ConversationStatus Status { get; set; } = ConversationStatus.Open;
    public ConversationOwner Owner { get; set; } = ConversationOwner.Ai;
    public DateTimeOffset? OwnerChangedAt { get; set; }
    public bool NeedsAttention { get; set; }
    public string? AttentionReason { get; set; }
    public DateTimeOffset? LastMessageAt { get; set; }
    public DateTimeOffset? LastCustomerMessageAt { get; set; }
    public DateTimeOffset? LastHumanMessageAt { get; set; }
    public int UnreadCount { get; set; }
    public List<string> Labels { get; set; } = [];
    public string? Notes { get; set; }
    /// <summary>Debounce target: generate the reply once the burst has been quiet until this time.</summary>
    public DateTimeOffset? ReplyDueAt { get; set; }
    /// <summary>What the conversation established: product in focus, the order being collected (jsonb).</summary>
    public SalesState SalesState { get; set; } = new();
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
