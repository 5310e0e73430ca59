using AiSales.Core.Inbound.Events;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Inbound;

/// <summary>Splits one raw Meta webhook body into normalized events. Never throws.</summary>
public interface IMetaPayloadNormalizer
{
    IReadOnlyList<InboundEvent> Normalize(ChannelPlatform routePlatform, ReadOnlySpan<byte> body);
}
