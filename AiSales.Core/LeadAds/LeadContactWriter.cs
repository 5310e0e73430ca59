using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Leads;
using AiSales.Core.Replies.Offline;
using Npgsql;

namespace AiSales.Core.LeadAds;

/// <summary>
/// Makes the contact of a fetched lead, inside the caller's transaction. Where it lives (contacts are unique per channel
/// account and external id):
/// - the form gave a phone that is a WhatsApp id and the shop has a WhatsApp number (not disabled; the oldest when
///   several) → on that number with external id = the wa_id digits, exactly as a WhatsApp customer is stored, so when the
///   lead writes on WhatsApp (or the shop writes to them) the same contact, with its form and attribution, continues; a
///   customer already known on that number gets the form added to them (their first touch stays theirs);
/// - otherwise → on the Page's Messenger account the webhook routed to, external id "leadgen:&lt;leadgen_id&gt;" (a form
///   lead has no PSID, so Messenger can never join it to a chat).
/// The first touch is the form (source "lead_form", ad, ad set, campaign, form, leadgen id, when), the last touch too
/// unless a newer one is known; the lead is scored like a chat lead that gave its phone (<see cref="LeadUpdater"/>), with
/// an 'attribution' activity saying where it came from.
/// </summary>
public sealed class LeadContactWriter(LeadUpdater leads)
{
    public const string ExternalIdPrefix = "leadgen:";

    private const string WhatsAppSql = """
        SELECT id FROM channel_accounts
        WHERE merchant_id = $1 AND platform = 'whatsapp' AND status <> 'disabled'
        ORDER BY created_at, id LIMIT 1
        """;

    /// <summary>Names and phones only fill in; the last touch moves only forward in platform time (as AttributionRecorder).</summary>
    private const string UpsertSql = """
        INSERT INTO contacts (merchant_id, channel_account_id, external_id, display_name, phone, first_touch, last_touch)
        VALUES ($1, $2, $3, $4, $5, $6::jsonb, $6::jsonb)
        ON CONFLICT (channel_account_id, external_id) DO UPDATE SET
            display_name = COALESCE(contacts.display_name, excluded.display_name),
            phone = COALESCE(contacts.phone, excluded.phone),
            first_touch = COALESCE(contacts.first_touch, excluded.first_touch),
            last_touch = CASE WHEN contacts.last_touch IS NULL OR (contacts.last_touch->>'at') IS NULL
                                   OR (contacts.last_touch->>'at')::timestamptz <= $7
                              THEN excluded.last_touch ELSE contacts.last_touch END,
            updated_at = now()
        RETURNING id
        """;

    public async Task<Guid> WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, PendingLead pending, LeadRecord lead, CancellationToken ct)
    {
        var fields = LeadAnswers.From(lead.Answers);
        var touch = Touch(pending, lead);
        var (accountId, externalId) = (pending.ChannelAccountId, ExternalIdPrefix + pending.LeadgenId);
        if (fields.WaId is { } waId)
        {
            await using var find = LeadFormStore.Command(conn, tx, WhatsAppSql, pending.MerchantId);
            if (await find.ExecuteScalarAsync(ct) is Guid whatsApp) (accountId, externalId) = (whatsApp, waId);
        }
        Guid contactId;
        await using (var upsert = LeadFormStore.Command(conn, tx, UpsertSql, pending.MerchantId, accountId, externalId, fields.Name,
            fields.Phone, JsonbSerialization.Serialize(touch), touch.At ?? DateTimeOffset.UtcNow))
            contactId = (Guid)(await upsert.ExecuteScalarAsync(ct))!;

        if (await LeadUpdater.LockAsync(conn, tx, contactId, ct) is not { } locked) return contactId;

        var plan = leads.Plan(locked, Signals(fields), null, "lead_form");
        await using var write = new NpgsqlBatch(conn, tx);
        if (plan.ContactUpdate is { } update) write.BatchCommands.Add(update);
        var rows = new List<LeadActivityRow>(plan.Activities)
        {
            new(pending.MerchantId, contactId, LeadActivityKind.Attribution, null, touch.Source!, null, "[]", null, "lead_form"),
        };
        write.BatchCommands.Add(LeadActivityRows.Insert(rows)!);
        await write.ExecuteNonQueryAsync(ct);
        return contactId;
    }

    /// <summary>Graph's ids win (it knows the ad set and campaign); the webhook's fill in what Graph left out.</summary>
    public static Attribution Touch(PendingLead pending, LeadRecord lead) => new()
    {
        Source = "lead_form",
        AdId = lead.AdId ?? pending.AdId,
        AdsetId = lead.AdsetId,
        CampaignId = lead.CampaignId,
        FormId = lead.FormId ?? pending.FormId,
        LeadgenId = pending.LeadgenId,
        At = lead.CreatedTime ?? pending.SubmittedAt,
    };

    /// <summary>
    /// A form lead asked to be contacted: with a phone it is scored as a chat lead that gave its number (stage ordering),
    /// a governorate adds its points; without either it has at least engaged.
    /// </summary>
    private static List<string> Signals(LeadAnswers fields)
    {
        var signals = new List<string>();
        if (fields.Phone is not null) signals.Add(LeadSignal.PhoneGiven);
        if (fields.Governorate is not null || fields.City is not null) signals.Add(LeadSignal.Governorate);
        if (signals.Count == 0) signals.Add(LeadSignal.Greeting);
        return signals;
    }
}
