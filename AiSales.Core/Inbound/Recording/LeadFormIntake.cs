using AiSales.Core.Inbound;
using AiSales.Core.Inbound.Events;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Inbound.Recording;

/// <summary>
/// The inbound pipeline's step for a <see cref="LeadgenEvent"/>, inside the event's transaction: one
/// lead_form_submissions row per merchant and leadgen id, and the Graph read queued (<see cref="FetchLeadForm"/>) in the
/// same transaction, so a read is queued exactly when its row commits. The same leadgen id again (twice in one dashboard
/// test delivery, Meta's retries for 36 h, the same lead under another delivery) finds the row and queues nothing.
/// </summary>
public static class LeadFormIntake
{
    private const string InsertSql = """
        INSERT INTO lead_form_submissions (merchant_id, channel_account_id, leadgen_id, page_id, form_id, ad_id, status,
                                           submitted_at, last_error_code, last_error)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        ON CONFLICT (merchant_id, leadgen_id) DO NOTHING
        RETURNING id
        """;

    public const string TestLeadError =
        "A test lead from the App Dashboard's Test button: its ids (444…) are fake and Meta cannot return its answers.";

    public static async Task<EventOutcome> RecordAsync(EventScope scope, LeadgenEvent lead, CancellationToken ct)
    {
        var test = lead.IsDashboardTest;
        var id = await scope.ScalarAsync<Guid>(InsertSql, ct,
            scope.Route.MerchantId, scope.Route.ChannelAccountId, lead.LeadgenId, lead.PageId ?? lead.EntryId, lead.FormId,
            lead.AdId ?? lead.AdgroupId, test ? LeadFormStatuses.Test : LeadFormStatuses.Pending, lead.Timestamp,
            test ? "test_lead" : null, test ? TestLeadError : null);
        if (id == Guid.Empty) return EventOutcome.Duplicate;
        if (!test) scope.Outbox.Add(new FetchLeadForm(id));
        return EventOutcome.Stored;
    }
}
