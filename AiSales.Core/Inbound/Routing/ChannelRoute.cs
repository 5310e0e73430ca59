namespace AiSales.Core.Inbound.Routing;

/// <summary>The connected account an event belongs to, with the merchant settings the pipeline needs.</summary>
public sealed record ChannelRoute(
    Guid ChannelAccountId,
    Guid MerchantId,
    string Platform,
    string ExternalId,
    int DebounceSeconds,
    int HumanQuietMinutes);
