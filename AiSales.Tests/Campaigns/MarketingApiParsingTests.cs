using System.Net;
using System.Text.Json;
using AiSales.Core.Campaigns;
using AiSales.Tests.Fakes;

namespace AiSales.Tests.Campaigns;

/// <summary>Reading Meta's documented payloads (fixtures/crm §3 and the rate-limit error bodies) the way the sync does.</summary>
[Trait("Category", "Unit")]
public sealed class MarketingApiParsingTests
{
    private static JsonElement Fixture(string name) => JsonDocument.Parse(FakeMarketingApi.CrmFixture(name)).RootElement.Clone();

    [Fact]
    public void Documented_insights_rows_give_string_metrics_and_ids_as_written()
    {
        var root = Fixture("meta_insights_level_ad_metadocs.json");
        var rows = root.GetProperty("data").EnumerateArray().ToList();

        Assert.Equal("6142546123068", MetaJson.Text(rows[0], "ad_id"));
        Assert.Equal(9708L, MetaJson.Long(rows[0], "impressions")); // "9708", a string
        var campaign = Fixture("meta_insights_campaign_default_fields_metadocs.json").GetProperty("data")[0];
        Assert.Equal(5339.5m, MetaJson.Decimal(campaign, "spend"));
        // The documented single page has cursors but no "next": there is nothing more to fetch.
        Assert.Null(MetaJson.NextCursor(root));
    }

    [Fact]
    public void The_attribution_window_example_sends_numbers_and_is_read_the_same()
    {
        var fragment = Fixture("meta_insights_attribution_windows_fragment_metadocs.json");
        Assert.Equal(2352.45m, MetaJson.Decimal(fragment, "spend"));
        Assert.Equal(0, InsightRows.Leads(fragment)); // link_click only: no lead action type

        var withLeads = JsonDocument.Parse("""
            {"actions": [{"action_type": "link_click", "value": 6608}, {"action_type": "lead", "value": "7"},
                         {"action_type": "onsite_conversion.lead_grouped", "value": 6, "1d_click": 5}]}
            """).RootElement;
        Assert.Equal(6, InsightRows.Leads(withLeads)); // the grouped instant-form count, never lead + grouped (13)
        Assert.Equal(7, InsightRows.Leads(JsonDocument.Parse("""{"actions": [{"action_type": "lead", "value": "7"}]}""").RootElement));
    }

    [Fact]
    public void A_level_ad_row_with_18_digit_ids_as_numbers_keeps_every_digit()
    {
        var row = JsonDocument.Parse("""
            {"campaign_id": 120250549031410400, "ad_id": 120250549031410414, "adset_id": "120250549031410409", "spend": 3.456,
             "impressions": "10", "clicks": 2, "date_start": "2026-12-01", "date_stop": "2026-12-01"}
            """).RootElement;
        var parsed = InsightRows.Parse(row);
        Assert.NotNull(parsed);
        Assert.Equal(("120250549031410414", "120250549031410400", 3.46m, 10L, 2L), (parsed.AdId, parsed.CampaignId, parsed.Spend, parsed.Impressions, parsed.Clicks));
        Assert.Equal(new DateOnly(2026, 12, 1), parsed.Day);
        Assert.Null(InsightRows.Parse(JsonDocument.Parse("""{"impressions": "4", "date_start": "2016-03-05"}""").RootElement)); // a breakdown row: no ad
    }

    [Theory]
    [InlineData("meta_graph_error_32_page_request_limit_metadocs.json", 32, MarketingErrorKind.Throttled)]
    [InlineData("meta_graph_error_80001_buc_rate_limit_metadocs.json", 80001, MarketingErrorKind.Throttled)]
    public void Documented_rate_limit_errors_are_throttling(string file, int code, MarketingErrorKind kind)
    {
        var e = MarketingApiException.FromEnvelope(Fixture(file).GetProperty("error"), HttpStatusCode.BadRequest, MarketingUsage.None);
        Assert.Equal((code, kind, true), (e.Code, e.Kind, e.Retryable));
        Assert.StartsWith($"(#{code})", e.Message);
    }

    [Theory]
    [InlineData(190, HttpStatusCode.BadRequest, MarketingErrorKind.Token)]
    [InlineData(200, HttpStatusCode.Forbidden, MarketingErrorKind.Token)]
    [InlineData(17, HttpStatusCode.BadRequest, MarketingErrorKind.Throttled)]
    [InlineData(80000, HttpStatusCode.BadRequest, MarketingErrorKind.Throttled)]
    [InlineData(80014, HttpStatusCode.BadRequest, MarketingErrorKind.Throttled)]
    [InlineData(100, HttpStatusCode.BadRequest, MarketingErrorKind.Other)]
    [InlineData(null, HttpStatusCode.BadGateway, MarketingErrorKind.Transient)]
    public void Error_codes_map_to_what_the_sync_does_next(int? code, HttpStatusCode status, MarketingErrorKind kind) =>
        Assert.Equal(kind, MarketingApiException.KindOf(code, null, status));

    [Fact]
    public void Usage_headers_give_the_highest_percent_and_metas_wait()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("X-Business-Use-Case-Usage",
            """{"1010035716096012": [{"type": "ads_insights", "call_count": 28, "total_cputime": 25, "total_time": 25, "estimated_time_to_regain_access": 0, "ads_api_access_tier": "development_access"}]}""");
        response.Headers.TryAddWithoutValidation("X-App-Usage", """{"call_count": 80, "total_time": 10, "total_cputime": 9}""");
        response.Headers.TryAddWithoutValidation("x-fb-ads-insights-throttle", """{"app_id_util_pct": 100, "acc_id_util_pct": 10, "ads_api_access_tier": "standard_access"}""");
        var usage = MarketingUsage.FromHeaders(response.Headers);
        Assert.Equal(100, usage.MaxPercent);
        Assert.Null(usage.RegainAfter);

        using var buc = new HttpResponseMessage();
        buc.Headers.TryAddWithoutValidation("X-Business-Use-Case-Usage", """{"1": [{"call_count": 100, "estimated_time_to_regain_access": 12}]}""");
        Assert.Equal(TimeSpan.FromMinutes(12), MarketingUsage.FromHeaders(buc.Headers).RegainAfter);

        using var broken = new HttpResponseMessage();
        broken.Headers.TryAddWithoutValidation("X-App-Usage", "{not json");
        Assert.Equal(0, MarketingUsage.FromHeaders(broken.Headers).MaxPercent);
    }

    [Theory]
    [InlineData("act_1234567890", "1234567890")]
    [InlineData(" 1234567890 ", "1234567890")]
    [InlineData("act_12a4", null)]
    [InlineData("", null)]
    public void Ad_account_ids_are_digits_with_or_without_act(string raw, string? expected) =>
        Assert.Equal(expected, AdAccountSettings.NormalizeId(raw));
}
