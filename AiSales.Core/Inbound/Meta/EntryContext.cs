using System.Text.Json;
using AiSales.Core.Inbound.Events;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Inbound.Meta;

/// <summary>What every item of one <c>entry[]</c> shares.</summary>
internal sealed record EntryContext(ChannelPlatform Platform, string? EntryId, DateTimeOffset? EntryTime, bool IsStandby = false)
{
    public UnsupportedEvent Unsupported(JsonElement item, string reason, string? keyHint = null) => new()
    {
        Platform = Platform,
        Kind = InboundEventKind.Unsupported,
        EntryId = EntryId,
        RecipientAccountId = EntryId,
        Timestamp = EntryTime,
        IsStandby = IsStandby,
        Reason = reason,
        RawJson = item.ValueKind == JsonValueKind.Undefined ? null : item.CleanRawText(),
        DedupeKey = "unsupported:" + (keyHint ?? "raw:" + JsonElementReading.Fingerprint(
            item.ValueKind == JsonValueKind.Undefined ? reason : item.CleanRawText())),
    };
}
