using System.Text.Json;
using AiSales.Core.Inbound.Events;

namespace AiSales.Core.Inbound.Meta;

/// <summary>
/// WhatsApp Cloud API <c>changes[]</c>. Field <c>messages</c> carries inbound messages (with contacts[]),
/// statuses of what we sent, and value-level errors; other fields are account events.
/// </summary>
internal static class WhatsAppChangeNormalizer
{
    private static readonly HashSet<string> AccountFields =
    [
        "account_update", "message_template_status_update", "message_template_quality_update",
        "message_template_components_update", "template_category_update", "phone_number_quality_update",
        "phone_number_name_update", "account_review_update", "account_alerts", "business_capability_update",
        "business_status_update", "security", "user_preferences", "history", "partner_solutions",
    ];

    public static void Normalize(JsonElement change, EntryContext ctx, List<InboundEvent> events)
    {
        var field = change.Str("field");
        var value = change.Obj("value");
        if (field is null || value is not { } v)
        {
            events.Add(ctx.Unsupported(change, "change without field or object value"));
            return;
        }

        if (field == "messages")
        {
            Messages(v, ctx, events);
            return;
        }

        if (AccountFields.Contains(field))
        {
            var eventName = v.Str("event") ?? v.Str("current_limit") ?? v.Str("decision");
            events.Add(new AccountEvent
            {
                Platform = ctx.Platform, Kind = InboundEventKind.AccountEvent, EntryId = ctx.EntryId,
                RecipientAccountId = ctx.EntryId, ExternalEventId = v.Str("message_template_id"),
                Timestamp = ctx.EntryTime, Field = field, EventName = eventName, RawJson = v.CleanRawText(),
                DedupeKey = $"account:{field}:{JsonElementReading.Fingerprint(v.CleanRawText() + ctx.EntryTime?.ToUnixTimeSeconds())}",
            });
            return;
        }

        events.Add(ctx.Unsupported(change, $"unknown WhatsApp change field '{field}'"));
    }

    private static void Messages(JsonElement v, EntryContext entry, List<InboundEvent> events)
    {
        // The business number that received it routes to the tenant; the WABA id is only the entry.
        var phoneNumberId = v.Obj("metadata").Str("phone_number_id") ?? entry.EntryId;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string? onlyName = null;
        var contactCount = 0;
        foreach (var contact in v.Arr("contacts"))
        {
            contactCount++;
            var name = contact.Obj("profile").Str("name");
            onlyName = name;
            if (contact.Str("wa_id") is { } waId && name is not null) names[waId] = name;
        }

        var found = false;
        foreach (var message in v.Arr("messages"))
        {
            found = true;
            var from = message.Str("from");
            var name = from is not null && names.TryGetValue(from, out var n) ? n : contactCount == 1 ? onlyName : null;
            events.Add(WhatsAppMessageNormalizer.Normalize(message, entry, phoneNumberId, name));
        }

        foreach (var status in v.Arr("statuses"))
        {
            found = true;
            events.Add(Status(status, entry, phoneNumberId));
        }

        var errors = ReadErrors(v);
        if (errors.Count > 0)
        {
            found = true;
            events.Add(new SystemEvent
            {
                Platform = entry.Platform, Kind = InboundEventKind.System, EntryId = entry.EntryId,
                RecipientAccountId = phoneNumberId, Timestamp = entry.EntryTime, Name = "errors",
                Body = errors[0].Message ?? errors[0].Title, Errors = errors, RawJson = v.CleanRawText(),
                DedupeKey = $"system:errors:{phoneNumberId}:{JsonElementReading.Fingerprint(v.CleanRawText())}",
            });
        }

        if (!found)
            events.Add(entry.Unsupported(v, "WhatsApp messages value without messages, statuses or errors") with { RecipientAccountId = phoneNumberId });
    }

    private static InboundEvent Status(JsonElement s, EntryContext ctx, string? phoneNumberId)
    {
        if (s.ValueKind != JsonValueKind.Object) return ctx.Unsupported(s, "status is not an object");
        var id = s.Str("id");
        var status = s.Str("status")?.ToLowerInvariant();
        var conversation = s.Obj("conversation");
        var pricing = s.Obj("pricing");
        return new DeliveryStatusEvent
        {
            Platform = ctx.Platform, Kind = InboundEventKind.DeliveryStatus, EntryId = ctx.EntryId,
            RecipientAccountId = phoneNumberId, CustomerId = s.Str("recipient_id"), ExternalEventId = id,
            Timestamp = s.Time("timestamp") ?? ctx.EntryTime, MessageId = id, Status = status,
            Errors = ReadErrors(s), ConversationId = conversation.Str("id"),
            ConversationOrigin = conversation.Obj("origin").Str("type"),
            ConversationExpiresAt = conversation?.Time("expiration_timestamp"),
            Billable = pricing?.BoolOrNull("billable"), PricingModel = pricing.Str("pricing_model"),
            PricingCategory = pricing.Str("category"), BizOpaqueCallbackData = s.Str("biz_opaque_callback_data"),
            DedupeKey = $"status:{id ?? "raw:" + JsonElementReading.Fingerprint(s.CleanRawText())}:{status}",
        };
    }

    public static IReadOnlyList<InboundError> ReadErrors(JsonElement element) =>
        element.Arr("errors")
            .Where(e => e.ValueKind == JsonValueKind.Object)
            .Select(e => new InboundError(e.Int("code"), e.Str("title"), e.Str("message"), e.Obj("error_data").Str("details"), e.Str("href")))
            .ToList();
}
