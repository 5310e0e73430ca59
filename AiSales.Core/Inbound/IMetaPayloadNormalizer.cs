namespace AiSales.Core.Inbound;

/// <summary>Splits one raw Meta webhook body into normalized events. Never throws.</summary>
public interface IMetaPayloadNormalizer
{
    IReadOnlyList<InboundEvent> Normalize(MetaPlatform routePlatform, ReadOnlySpan<byte> body);
}
