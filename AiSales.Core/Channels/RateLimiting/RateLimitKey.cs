using AiSales.Core.Channels.Sending;
using AiSales.Core.Inbound;

namespace AiSales.Core.Channels.RateLimiting;

/// <summary>
/// What is being limited: one channel account's endpoint family, plus (for WhatsApp) the recipient,
/// whose (business, customer) pair limit is checked in the same atomic step.
/// </summary>
public sealed record RateLimitKey(
    MetaPlatform Platform,
    ChannelProvider Provider,
    string AccountExternalId,
    EndpointClass Endpoint,
    string? Recipient = null);
