using System.Text.Json;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Dashboard.LeadAds;

/// <summary>One lead form submission as the Lead ads page shows it: status, answers, attribution, the contact it made.</summary>
public sealed record LeadSubmissionRow(
    Guid Id, string LeadgenId, string Status, string? PageName, string? FormId, string? AdId, string? AdsetId, string? CampaignId,
    IReadOnlyDictionary<string, string[]> Answers, Guid? ContactId, string? ContactName, string? Phone, LeadStage? Stage, int Attempts,
    string? LastErrorCode, string? LastError, DateTimeOffset? SubmittedAt, DateTimeOffset CreatedAt, string? Greeting = null);

/// <summary>Read side of the Lead ads page; filters on the merchant and runs under RLS (<see cref="MerchantData"/>).</summary>
public sealed class LeadAdsQueries(MerchantData data)
{
    public const int Limit = 200;

    /// <summary>Newest first; only one contact's submissions when <paramref name="contactId"/> is given.</summary>
    public Task<List<LeadSubmissionRow>> ListAsync(Guid? contactId, CancellationToken ct = default) =>
        data.RunAsync(async (db, merchantId) =>
        {
            var mine = db.LeadFormSubmissions.AsNoTracking().Where(s => s.MerchantId == merchantId);
            if (contactId is { } c) mine = mine.Where(s => s.ContactId == c);
            var rows = await (from s in mine
                              join a in db.ChannelAccounts.AsNoTracking() on s.ChannelAccountId equals a.Id
                              from k in db.Contacts.AsNoTracking().Where(k => k.Id == s.ContactId).DefaultIfEmpty()
                              orderby s.CreatedAt descending, s.Id descending
                              select new { s, Page = a.DisplayName ?? a.ExternalId, Name = k == null ? null : k.DisplayName, Phone = k == null ? null : k.Phone,
                                  Stage = k == null ? (LeadStage?)null : k.Stage })
                .Take(Limit).ToListAsync(ct);
            return rows.Select(r => new LeadSubmissionRow(r.s.Id, r.s.LeadgenId, r.s.Status, r.Page, r.s.FormId, r.s.AdId, r.s.AdsetId,
                r.s.CampaignId, Answers(r.s.Answers), r.s.ContactId, r.Name, r.Phone, r.Stage, r.s.Attempts, r.s.LastErrorCode,
                r.s.LastError, r.s.SubmittedAt, r.s.CreatedAt, r.s.Greeting)).ToList();
        }, ct);

    private static Dictionary<string, string[]> Answers(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string[]>>(json) ?? [];
        }
        catch (JsonException)
        {
            return []; // written by the Worker as {key: [values]}; anything else shows as no answers rather than an error page
        }
    }
}
