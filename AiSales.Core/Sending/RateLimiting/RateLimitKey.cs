using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Sending.RateLimiting;

/// <summary>
/// What is being limited: one channel account's endpoint family, plus (for WhatsApp) the recipient,
/// whose (business, customer) pair limit is checked in the same atomic step.
/// </summary>
public sealed record RateLimitKey(
    ChannelPlatform Platform,
    ChannelProvider Provider,
    string AccountExternalId,
    EndpointClass Endpoint,
    string? Recipient = null);
