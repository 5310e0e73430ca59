using System.Security.Claims;
using AiSales.Core.Campaigns;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace AiSales.Dashboard.Apis;

/// <summary>A contact as a lead: where it came from (first touch), where it stands here and in the merchant's CRM.</summary>
public sealed record LeadDto(
    Guid Id, string? Name, string? Phone, string Source, string? CampaignId, string? AdsetId, string? AdId, string? FormId, string? LeadgenId,
    string Stage, string Label, int Score, long? ExpectedRevenueIqd, decimal? Probability, string? CrmStage, DateTimeOffset CreatedAt);

/// <summary>Contacts as leads, newest first; filter by stage, source group and campaign (docs/campaigns.md).</summary>
public static class LeadsApi
{
    public static RouteGroupBuilder MapLeadsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/leads", ListAsync).WithTags("Leads").WithName("ListLeads")
            .WithSummary("Contacts as leads, newest first: source (ad, lead_form, comment, story, post, ref, organic), campaign/ad/form ids, stage, CRM revenue and stage.");
        return api;
    }

    public static async Task<Results<Ok<PagedResult<LeadDto>>, ValidationProblem>> ListAsync(
        ClaimsPrincipal user, NpgsqlDataSource dataSource, string? stage, string? source, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "campaign_id")] string? campaignId,
        int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        MerchantApiRequest.TryFilter<LeadStage>(stage, "stage", errors, out var stageFilter);
        source = string.IsNullOrWhiteSpace(source) ? null : source.Trim().ToLowerInvariant();
        if (source is not null && !LeadSources.All.Contains(source))
            errors["source"] = [$"Unknown source '{source}'. Use one of: {string.Join(", ", LeadSources.All)}."];
        campaignId = string.IsNullOrWhiteSpace(campaignId) ? null : campaignId.Trim();
        if (campaignId is not null && AdAccountSettings.NormalizeId(campaignId) != campaignId)
            errors["campaign_id"] = ["A campaign id is Meta's number, digits only."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var merchantId = user.MerchantId();
        var (p, size) = MerchantApiRequest.Paging(page, pageSize);
        var where = $"""
            c.merchant_id = $1 AND ($2::text IS NULL OR c.stage = $2) AND ($3::text IS NULL OR {LeadSources.Sql("c")} = $3)
            AND ($4::text IS NULL OR c.first_touch->>'campaign_id' = $4
                 OR c.first_touch->>'ad_id' IN (SELECT i.ad_id FROM ad_insights_daily i WHERE i.merchant_id = $1 AND i.campaign_id = $4))
            """;
        object?[] args = [merchantId, stageFilter is { } s ? EnumText<LeadStage>.ToText(s) : null, source, campaignId];
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        int total;
        await using (var count = Command(conn, $"SELECT count(*)::int FROM contacts c WHERE {where}", args))
            total = (int)(await count.ExecuteScalarAsync(ct))!;

        var items = new List<LeadDto>();
        await using var cmd = Command(conn, $"""
            SELECT c.id, coalesce(c.display_name, c.username), c.phone, {LeadSources.Sql("c")}, c.first_touch->>'campaign_id', c.first_touch->>'adset_id',
                   c.first_touch->>'ad_id', c.first_touch->>'form_id', c.first_touch->>'leadgen_id', c.stage, c.label, c.score,
                   c.expected_revenue_iqd, c.probability, c.crm_stage, c.created_at
            FROM contacts c WHERE {where}
            ORDER BY c.created_at DESC, c.id LIMIT $5 OFFSET $6
            """, [.. args, size, (p - 1) * size]);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        while (await r.ReadAsync(ct))
            items.Add(new LeadDto(r.GetGuid(0), S(1), S(2), r.GetString(3), S(4), S(5), S(6), S(7), S(8), r.GetString(9), r.GetString(10), r.GetInt32(11),
                r.IsDBNull(12) ? null : r.GetInt64(12), r.IsDBNull(13) ? null : r.GetDecimal(13), S(14), r.GetFieldValue<DateTimeOffset>(15)));
        return TypedResults.Ok(new PagedResult<LeadDto>(items, p, size, total));
    }

    private static NpgsqlCommand Command(NpgsqlConnection conn, string sql, object?[] args)
    {
        var cmd = new NpgsqlCommand(sql, conn);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a ?? DBNull.Value });
        return cmd;
    }
}
