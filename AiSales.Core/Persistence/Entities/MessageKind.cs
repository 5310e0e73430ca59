namespace AiSales.Core.Persistence.Entities;

/// <summary>What a message carries, after normalising the platform's event shapes.</summary>
public enum MessageKind
{
    Text,
    Image,
    Video,
    Audio,
    File,
    Sticker,
    Location,
    Contacts,
    Share,
    StoryReply,
    StoryMention,
    Mention,
    Comment,
    Reaction,
    Postback,
    QuickReply,
    Interactive,
    Order,
    Unsupported,
    Template
}
