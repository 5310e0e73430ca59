namespace AiSales.Core.Persistence.Entities;

/// <summary>A reaction placed on a message (messages.reactions, jsonb array).</summary>
public class MessageReaction
{
    /// <summary>"customer" or "merchant".</summary>
    public string By { get; set; } = "";
    /// <summary>Emoji or Meta's reaction name ("love").</summary>
    public string Reaction { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
