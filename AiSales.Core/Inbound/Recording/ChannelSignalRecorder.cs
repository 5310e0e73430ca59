using System.Text.Json;
using AiSales.Core.Inbound;
using AiSales.Core.Inbound.Events;
using AiSales.Core.Inbound.Meta;
using AiSales.Core.Inbound.Routing;
using AiSales.Core.Persistence.Entities;
using Npgsql;

namespace AiSales.Core.Inbound.Recording;

/// <summary>
/// What Meta reports about a WhatsApp number or its business account (quality flags, messaging-limit tiers, account
/// bans and reviews, template decisions) becomes channel_signals rows for the number's health page (migration 0010).
/// These changes arrive under the WhatsApp Business Account id (the entry id), not under a phone number id, so they
/// route through the channel accounts of that WABA: an account whose external id is the WABA id, or whose settings
/// carry it as <c>waba_id</c>. Meta's field names have moved over the years (current_limit, messaging_limit_tier,
/// max_daily_conversations_per_business): every name we know is read, and the whole value object is kept.
/// </summary>
internal static class ChannelSignalRecorder
{
    /// <summary>Only the fields the health page shows; the other account fields stay ignored as before.</summary>
    public static bool Records(AccountEvent e) => e.Platform == ChannelPlatform.WhatsApp && e.Field is
        "phone_number_quality_update" or "business_capability_update" or "account_update" or "account_review_update"
        or "account_alerts" or "phone_number_name_update" or "message_template_status_update";

    // Any WhatsApp account of the WABA; a number whose settings name the reported display number first.
    private const string RouteSql = """
        SELECT ca.id, ca.merchant_id, ca.external_id
        FROM channel_accounts ca
        WHERE ca.platform = 'whatsapp' AND (ca.external_id = $1 OR ca.settings->>'waba_id' = $1)
        ORDER BY (regexp_replace(coalesce(ca.settings->>'display_phone_number', ''), '\D', '', 'g') = coalesce($2, '-')) DESC,
                 ca.created_at
        LIMIT 1
        """;

    /// <summary>The account the event's transaction runs under (null: no number of that WABA is connected).</summary>
    public static async Task<ChannelRoute?> FindRouteAsync(NpgsqlConnection connection, ChannelRouter router, AccountEvent e, CancellationToken ct)
    {
        // The usual lookup first: cached, and the common case in tests where the account is connected under the WABA id.
        if (await router.FindAsync(connection, "whatsapp", e.RecipientAccountId, ct) is { } direct) return direct;
        if (string.IsNullOrEmpty(e.RecipientAccountId)) return null;
        await using var cmd = new NpgsqlCommand(RouteSql, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = e.RecipientAccountId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)Digits(Read(e).DisplayPhone) ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new ChannelRoute(reader.GetGuid(0), reader.GetGuid(1), "whatsapp", reader.GetString(2), router.DefaultDebounceSeconds, router.DefaultHumanQuietMinutes);
    }

    // One row per signal for every number of the WABA in this merchant, or only the number the change names when its
    // display number is known to us (a quality flag is about one number; a ban or a template is about the whole WABA).
    private const string InsertSql = """
        WITH waba AS (
            SELECT id, regexp_replace(coalesce(settings->>'display_phone_number', ''), '\D', '', 'g') AS display
            FROM channel_accounts
            WHERE merchant_id = $1 AND platform = 'whatsapp' AND (id = $2 OR external_id = $3 OR settings->>'waba_id' = $3)),
        named AS (SELECT id FROM waba WHERE $4::text IS NOT NULL AND display = $4)
        INSERT INTO channel_signals (merchant_id, channel_account_id, kind, value, subject, detail, received_at)
        SELECT $1, w.id, $5, $6, $7, $8::jsonb, $9
        FROM waba w
        WHERE NOT EXISTS (SELECT 1 FROM named) OR w.id IN (SELECT id FROM named)
        """;

    // A template's new status reaches the shop's stored list at once (docs/templates.md): a paused or disabled template is
    // no longer sent for an event, a reinstated one is again. By Meta's template id, or by name (and language when given).
    private const string TemplateStatusSql = """
        UPDATE whatsapp_templates t SET status = $4, synced_at = now()
        FROM channel_accounts a
        WHERE a.id = t.channel_account_id AND a.merchant_id = $1 AND (a.id = $2 OR a.external_id = $3 OR a.settings->>'waba_id' = $3)
          AND (t.meta_id = $5 OR (t.name = $6 AND ($7::text IS NULL OR t.language = $7)))
        """;

    /// <summary>Meta's template events that are a status (FLAGGED is a quality warning: the template still sends).</summary>
    private static string? TemplateStatus(string? @event) => @event switch
    {
        "REINSTATED" => "APPROVED",
        "APPROVED" or "REJECTED" or "PAUSED" or "DISABLED" or "PENDING" or "IN_APPEAL" or "PENDING_DELETION" or "DELETED" => @event,
        _ => null,
    };

    /// <summary>Adds the event's rows to the transaction's deferred batch (nothing later in the event reads them).</summary>
    public static EventOutcome Record(EventScope scope, AccountEvent e)
    {
        var read = Read(e);
        var signals = Signals(e.Field, read).ToList();
        if (signals.Count == 0) return EventOutcome.Ignored;
        if (e.Field == "message_template_status_update" && TemplateStatus(read.Event) is { } status && (read.TemplateId ?? read.TemplateName) is not null)
            scope.Defer(TemplateStatusSql, scope.Route.MerchantId, scope.Route.ChannelAccountId, e.RecipientAccountId ?? "", status,
                read.TemplateId, read.TemplateName, read.Raw is { } raw ? raw.Str("message_template_language") : null);
        foreach (var (kind, value, subject) in signals)
        {
            var detail = JsonSerializer.Serialize(new { field = e.Field, @event = e.EventName, value = read.Raw });
            scope.Defer(InsertSql, scope.Route.MerchantId, scope.Route.ChannelAccountId, e.RecipientAccountId ?? "",
                Digits(read.DisplayPhone), kind, value, subject, detail, scope.At);
        }
        return EventOutcome.Stored;
    }

    private static IEnumerable<(string Kind, string? Value, string? Subject)> Signals(string field, Reading r)
    {
        switch (field)
        {
            case "phone_number_quality_update":
                if (r.Event is not null) yield return (ChannelSignalKinds.Quality, r.Event, null);
                if (r.Limit is not null) yield return (ChannelSignalKinds.MessagingLimit, r.Limit, null);
                break;
            case "business_capability_update":
                if (r.Limit is not null) yield return (ChannelSignalKinds.MessagingLimit, r.Limit, null);
                break;
            case "message_template_status_update":
                yield return (ChannelSignalKinds.Template, r.Event, r.TemplateName ?? r.TemplateId);
                break;
            default:
                yield return (ChannelSignalKinds.Account, r.Event ?? r.Decision ?? r.AlertType, null);
                break;
        }
    }

    private sealed record Reading(JsonElement? Raw, string? Event, string? Decision, string? AlertType, string? Limit,
        string? DisplayPhone, string? TemplateName, string? TemplateId);

    private static Reading Read(AccountEvent e)
    {
        if (e.RawJson is null) return new(null, e.EventName, null, null, null, null, null, null);
        JsonElement v;
        try { v = JsonDocument.Parse(e.RawJson).RootElement.Clone(); }
        catch (JsonException) { return new(null, e.EventName, null, null, null, null, null, null); }
        if (v.ValueKind != JsonValueKind.Object) return new(v, e.EventName, null, null, null, null, null, null);
        var limit = v.Str("max_daily_conversations_per_business") ?? v.Str("messaging_limit_tier") ?? v.Str("current_limit")
            ?? v.Str("max_daily_conversation_per_phone");
        return new(v, Upper(v.Str("event")), Upper(v.Str("decision")), Upper(v.Str("alert_type") ?? v.Obj("alert_info").Str("alert_type")),
            Upper(limit), v.Str("display_phone_number"), v.Str("message_template_name"), v.Str("message_template_id"));
    }

    private static string? Upper(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim().ToUpperInvariant();

    private static string? Digits(string? s)
    {
        if (s is null) return null;
        var digits = new string(s.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? null : digits;
    }
}
