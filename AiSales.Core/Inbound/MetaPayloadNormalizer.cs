using System.Text;
using System.Text.Json;
using AiSales.Core.Channels;
using AiSales.Core.Inbound.Events;
using AiSales.Core.Inbound.Meta;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Inbound;

/// <summary>
/// Entry point for all three platforms. Accepts the real envelope <c>{object, entry[]}</c> and the shapes
/// Meta's docs and tools also produce: a top-level array of envelopes, a bare entry, a bare messaging item,
/// and field/value placed directly on the entry. Anything not understood becomes an
/// <see cref="UnsupportedEvent"/> carrying its raw JSON; invalid JSON becomes exactly one UnsupportedEvent
/// (reason starts with "invalid JSON") so the delivery is still recorded and visible to operators.
/// </summary>
public sealed class MetaPayloadNormalizer : IMetaPayloadNormalizer
{
    /// <summary>Cap on raw text kept for an unparseable body (the delivery row already holds the full bytes).</summary>
    public const int MaxInvalidBodyChars = 64 * 1024;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64, AllowTrailingCommas = false };

    public IReadOnlyList<InboundEvent> Normalize(ChannelPlatform routePlatform, ReadOnlySpan<byte> body)
    {
        var events = new List<InboundEvent>();
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            // JsonDocument accepts some invalid UTF-8 inside strings and only fails when they are read.
            events.Add(InvalidJson(routePlatform, body, "body is not valid UTF-8"));
            return events;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), Options);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            events.Add(InvalidJson(routePlatform, body, ex.Message));
            return events;
        }

        using (document)
        {
            try
            {
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Array)
                {
                    var any = false;
                    foreach (var element in root.EnumerateArray())
                    {
                        any = true;
                        NormalizeRoot(routePlatform, element, events);
                    }
                    if (!any) events.Add(new EntryContext(routePlatform, null, null).Unsupported(root, "empty JSON array"));
                }
                else
                {
                    NormalizeRoot(routePlatform, root, events);
                }
            }
            catch (Exception ex)
            {
                // Belt and braces: a reader bug must not lose the delivery; keep what was parsed and flag the rest.
                events.Add(InvalidJson(routePlatform, body, ex.GetType().Name) with { Reason = $"normalizer error: {ex.GetType().Name}" });
            }
        }

        return events;
    }

    public IReadOnlyList<InboundEvent> Normalize(ChannelPlatform routePlatform, ReadOnlyMemory<byte> body) =>
        Normalize(routePlatform, body.Span);

    private static void NormalizeRoot(ChannelPlatform route, JsonElement root, List<InboundEvent> events)
    {
        var fallback = new EntryContext(route, null, null);
        if (root.ValueKind != JsonValueKind.Object)
        {
            events.Add(fallback.Unsupported(root, $"expected a JSON object, got {root.ValueKind}"));
            return;
        }

        var platform = ChannelNames.TryParse(root.Str("object"), out var p) ? p : route;
        if (root.Prop("entry") is { } entries)
        {
            if (entries.ValueKind != JsonValueKind.Array)
            {
                events.Add(fallback.Unsupported(root, "entry is not an array"));
                return;
            }
            var any = false;
            foreach (var entry in entries.EnumerateArray())
            {
                any = true;
                NormalizeEntry(platform, entry, events);
            }
            if (!any) events.Add(fallback.Unsupported(root, "envelope without entries"));
            return;
        }

        if (root.Has("messaging") || root.Has("standby") || root.Has("changes"))
        {
            NormalizeEntry(platform, root, events); // a bare entry object
            return;
        }

        if (root.Has("field") && root.Has("value"))
        {
            NormalizeChange(new EntryContext(platform, root.Str("id"), root.Time("time")), root, events);
            return;
        }

        if (root.Has("sender") || root.Has("recipient"))
        {
            // A bare messaging item (doc samples): no entry, so the business id comes from the item itself.
            events.Add(MessagingItemNormalizer.Normalize(root, fallback with { Platform = platform }));
            return;
        }

        events.Add(fallback.Unsupported(root, "not a Meta webhook envelope"));
    }

    private static void NormalizeEntry(ChannelPlatform platform, JsonElement entry, List<InboundEvent> events)
    {
        var ctx = new EntryContext(platform, entry.Str("id"), entry.Time("time"));
        if (entry.ValueKind != JsonValueKind.Object)
        {
            events.Add(ctx.Unsupported(entry, "entry is not an object"));
            return;
        }

        var before = events.Count;
        foreach (var item in entry.Arr("messaging"))
            events.Add(MessagingItemNormalizer.Normalize(item, ctx));
        foreach (var item in entry.Arr("standby"))
            events.Add(MessagingItemNormalizer.Normalize(item, ctx with { IsStandby = true }));
        foreach (var change in entry.Arr("changes"))
            NormalizeChange(ctx, change, events);

        // Doc quirk: field/value directly on the entry instead of inside changes[].
        if (entry.Has("field") && entry.Has("value"))
            NormalizeChange(ctx, entry, events);

        if (events.Count == before)
            events.Add(ctx.Unsupported(entry, "entry without messaging, standby or changes"));
    }

    private static void NormalizeChange(EntryContext ctx, JsonElement change, List<InboundEvent> events)
    {
        if (change.ValueKind != JsonValueKind.Object)
        {
            events.Add(ctx.Unsupported(change, "change is not an object"));
            return;
        }

        var isWhatsApp = ctx.Platform == ChannelPlatform.WhatsApp
            || change.Obj("value").Str("messaging_product") == "whatsapp";
        if (isWhatsApp)
            WhatsAppChangeNormalizer.Normalize(change, ctx with { Platform = ChannelPlatform.WhatsApp }, events);
        else
            events.Add(GraphChangeNormalizer.Normalize(change, ctx));
    }

    private static UnsupportedEvent InvalidJson(ChannelPlatform platform, ReadOnlySpan<byte> body, string error)
    {
        var slice = body.Length > MaxInvalidBodyChars ? body[..MaxInvalidBodyChars] : body;
        var text = Encoding.UTF8.GetString(slice); // invalid UTF-8 becomes U+FFFD, never an exception
        return new UnsupportedEvent
        {
            Platform = platform,
            Kind = InboundEventKind.Unsupported,
            Reason = body.IsEmpty ? "invalid JSON: empty body" : $"invalid JSON: {error}",
            RawJson = text,
            DedupeKey = "unsupported:raw:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body).AsSpan(0, 16)),
        };
    }
}
