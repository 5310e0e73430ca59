namespace AiSales.Core.Inbound.Events;

/// <summary>An attachment on a message. WhatsApp media carry an id to fetch; Messenger/IG carry a (signed, expiring) url.</summary>
public sealed record InboundAttachment(
    string Type,
    string? Url,
    string? PayloadJson,
    string? MediaId = null,
    string? MimeType = null,
    string? Caption = null,
    string? FileName = null,
    string? Title = null);

/// <summary>Where the conversation came from: an ad (CTD/CTWA), an m.me/ig.me link, a shortlink.</summary>
public sealed record InboundReferral
{
    public string? Ref { get; init; }
    public string? AdId { get; init; }
    public string? Source { get; init; }
    public string? Type { get; init; }
    public string? AdTitle { get; init; }
    public string? PhotoUrl { get; init; }
    public string? VideoUrl { get; init; }
    public string? PostId { get; init; }
    public string? ProductId { get; init; }
    public string? AdsContextJson { get; init; }

    // WhatsApp click-to-WhatsApp fields.
    public string? SourceUrl { get; init; }
    public string? Headline { get; init; }
    public string? Body { get; init; }
    public string? MediaType { get; init; }
    public string? ThumbnailUrl { get; init; }
    public string? CtwaClid { get; init; }
    public string? RefererUri { get; init; }
}

/// <summary>A story that a message replies to.</summary>
public sealed record InboundStoryRef(string? Id, string? Url);

public sealed record InboundLocation(double? Latitude, double? Longitude, string? Name, string? Address, string? Url);

/// <summary>A WhatsApp/Graph error object (<c>{code,title,message,error_data{details},href}</c>).</summary>
public sealed record InboundError(int? Code, string? Title, string? Message, string? Details, string? Href);
