namespace AiSales.Core.Sending.RateLimiting;

/// <summary>The send endpoint family a limit applies to (Meta publishes different rates per family).</summary>
public enum EndpointClass
{
    /// <summary>Text, links, reactions, stickers (and every WhatsApp message).</summary>
    Text,

    /// <summary>Audio and video (and other attachments, conservatively).</summary>
    Media,

    /// <summary>Private replies to post and reel comments.</summary>
    PrivateReply,
}
