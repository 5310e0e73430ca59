namespace AiSales.Core.Persistence.Entities;

/// <summary>One attachment of a message (messages.attachments, jsonb array).</summary>
public class MessageAttachment
{
    /// <summary>image, video, audio, file, sticker, location, share, story_mention, contact, product (a cart line), referred_product...</summary>
    public string Type { get; set; } = "";
    public string? Url { get; set; }
    public string? MimeType { get; set; }
    public string? Title { get; set; }
    /// <summary>Platform media id (WhatsApp media id, IG asset id, sticker id).</summary>
    public string? ExternalId { get; set; }
    /// <summary>A shared location's coordinates (the reply reads the governorate from them).</summary>
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>A shared contact card's first phone number, as the card gives it.</summary>
    public string? Phone { get; set; }
    /// <summary>A WhatsApp cart line ("product", ExternalId = the catalog's retailer id = our SKU): how many, at what price.</summary>
    public int? Quantity { get; set; }
    public decimal? Price { get; set; }
    public string? Currency { get; set; }
}
