namespace AiSales.Core.Sending.RateLimiting;

/// <summary>
/// Configuration section <c>Channels:RateLimits</c>; every rule can be overridden
/// (e.g. <c>Channels:RateLimits:WhatsAppMessages:Limit=1000</c> for an upgraded number).
/// Defaults follow Meta's published limits (FACTS.md §7), taking the conservative figure where
/// Meta's pages disagree.
/// </summary>
public sealed class ChannelRateLimitOptions
{
    public const string SectionName = "Channels:RateLimits";

    /// <summary>Prefix of every Redis key the limiter writes.</summary>
    public string KeyPrefix { get; set; } = "aisales:ratelimit:";

    /// <summary>Instagram text/links/reactions: 100/s per IG account (current docs also say 300/s; plan for 100).</summary>
    public RateLimitRule InstagramText { get; set; } = RateLimitRule.PerSecond(100);

    /// <summary>Instagram audio/video: 10/s per account.</summary>
    public RateLimitRule InstagramMedia { get; set; } = RateLimitRule.PerSecond(10);

    /// <summary>Messenger text/links/reactions: 300/s per Page.</summary>
    public RateLimitRule MessengerText { get; set; } = RateLimitRule.PerSecond(300);

    /// <summary>Messenger audio/video: 10/s per Page.</summary>
    public RateLimitRule MessengerMedia { get; set; } = RateLimitRule.PerSecond(10);

    /// <summary>
    /// Private replies: 750 per hour per account. The burst is kept well below 750 so a comment storm
    /// is spread over the hour instead of spending the whole hour's quota in the first second.
    /// </summary>
    public RateLimitRule PrivateReplies { get; set; } = new() { Limit = 750, Period = TimeSpan.FromHours(1), Burst = 50 };

    /// <summary>WhatsApp: 80 messages/s per business phone number (all types; 1000 after Meta upgrades the number).</summary>
    public RateLimitRule WhatsAppMessages { get; set; } = RateLimitRule.PerSecond(80);

    /// <summary>
    /// WhatsApp (business, customer) pair: 1 message per 6 s. Meta tolerates bursts (up to 45 in 6 s,
    /// borrowed from later quota); a burst of 3 lets a reply split into a few bubbles go out together.
    /// </summary>
    public RateLimitRule WhatsAppPair { get; set; } = new() { Limit = 1, Period = TimeSpan.FromSeconds(6), Burst = 3 };

    /// <summary>ManyChat sendContent: 25 requests/s (per API key, i.e. per connected page).</summary>
    public RateLimitRule ManyChat { get; set; } = RateLimitRule.PerSecond(25);
}
