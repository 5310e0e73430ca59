namespace AiSales.Core.Replies.Offline;

/// <summary>What a customer sent that is not (only) text.</summary>
public enum MediaKind
{
    Image,
    Video,
    Audio,
    File,
    Sticker,
    Share,
    Location,
    Contact,
    StoryMention,
    Unsupported,
    /// <summary>A WhatsApp cart sent from the catalog (an <c>order</c> message): its lines are in <see cref="CustomerMedia.Items"/>.</summary>
    Cart,
    /// <summary>"Message business" on a catalog product: the text with it is about the product whose SKU is the label.</summary>
    Product,
}

/// <summary>One line of a cart the customer sent: our SKU (the catalog's retailer id), how many, and the price the cart showed.</summary>
public sealed record CartItemRef(string Sku, int Quantity, decimal? Price, string? Currency);

/// <summary>One non-text message of the burst: its kind, and for a location or a contact card what it tells.</summary>
/// <param name="Label">A location's name or address; a contact card's name; a referred product's SKU.</param>
/// <param name="Items">A cart's lines.</param>
/// <param name="ProductIds">
/// The catalog products this media was recognised as: the product linked to a shared post or story, or the products a
/// photo matched (one: that product; two or three: the customer is asked which). Empty when it was looked at and matched
/// nothing; null when nobody looked.
/// </param>
/// <param name="Url">A photo's or voice note's link on Meta's CDN (Instagram, Messenger), for the fetch.</param>
/// <param name="MediaId">WhatsApp's media id of a photo or voice note, for the fetch.</param>
/// <param name="MessageId">The stored message it came in (a voice note's transcript is written there).</param>
public sealed record CustomerMedia(MediaKind Kind, double? Latitude = null, double? Longitude = null, string? Label = null, string? Phone = null,
    IReadOnlyList<CartItemRef>? Items = null, IReadOnlyList<Guid>? ProductIds = null, string? Url = null, string? MediaId = null,
    Guid? MessageId = null)
{
    /// <summary>The media kind of a stored message of this kind, or null for text and what is not the customer's media.</summary>
    public static MediaKind? KindOf(Persistence.Entities.MessageKind kind) => kind switch
    {
        Persistence.Entities.MessageKind.Image => MediaKind.Image,
        Persistence.Entities.MessageKind.Video => MediaKind.Video,
        Persistence.Entities.MessageKind.Audio => MediaKind.Audio,
        Persistence.Entities.MessageKind.File => MediaKind.File,
        Persistence.Entities.MessageKind.Sticker => MediaKind.Sticker,
        Persistence.Entities.MessageKind.Share or Persistence.Entities.MessageKind.StoryReply => MediaKind.Share,
        Persistence.Entities.MessageKind.Location => MediaKind.Location,
        Persistence.Entities.MessageKind.Contacts => MediaKind.Contact,
        Persistence.Entities.MessageKind.StoryMention => MediaKind.StoryMention,
        Persistence.Entities.MessageKind.Unsupported => MediaKind.Unsupported,
        Persistence.Entities.MessageKind.Order => MediaKind.Cart,
        _ => null,
    };
}
