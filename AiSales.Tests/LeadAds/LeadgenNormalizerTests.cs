using AiSales.Core.Inbound.Events;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Tests.LeadAds;

/// <summary>The Page <c>leadgen</c> change read from every real delivery shape (FACTS §A3): ids as strings, batching, no ad ids, no value.</summary>
[Trait("Category", "Unit")]
public sealed class LeadgenNormalizerTests
{
    [Fact]
    public void Every_leadgen_fixture_is_found_and_normalizes_without_loss()
    {
        var files = CrmFixtures.LeadgenWebhooks;
        Assert.Equal(8, files.Count);
        foreach (var file in files)
        {
            var events = CrmFixtures.Normalize(file);
            Assert.NotEmpty(events);
            Assert.All(events.OfType<LeadgenEvent>(), e =>
            {
                Assert.Equal(InboundEventKind.Leadgen, e.Kind);
                Assert.Equal(ChannelPlatform.Messenger, e.Platform);
                Assert.Equal("leadgen:" + e.LeadgenId, e.DedupeKey);
                Assert.False(string.IsNullOrEmpty(e.RecipientAccountId));
            });
        }
    }

    [Fact]
    public void Meta_doc_sample_with_numeric_ids_gives_two_leads_with_string_ids()
    {
        var leads = CrmFixtures.Normalize("meta_leadgen_webhook_metadocs.json").Cast<LeadgenEvent>().ToList();
        Assert.Equal(["123123123123", "123123123124"], leads.Select(l => l.LeadgenId));
        Assert.All(leads, l =>
        {
            Assert.Equal("153125381133", l.RecipientAccountId);
            Assert.Equal("123123123", l.PageId);
            Assert.Equal("12312312312", l.FormId);
            Assert.Equal("12312312312", l.AdId);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1440120384), l.Timestamp);
            Assert.False(l.IsDashboardTest);
        });
    }

    [Fact]
    public void An_eighteen_digit_ad_id_is_kept_exactly()
    {
        var lead = Assert.IsType<LeadgenEvent>(Assert.Single(CrmFixtures.Normalize("meta_leadgen_webhook_real_capture_18digit_ad_id.json")));
        Assert.Equal("120250549031410414", lead.AdId);
        Assert.Equal("120250549031410414", lead.AdgroupId);
        Assert.Equal("1530066778863063", lead.LeadgenId);
        Assert.Equal("119440231087027", lead.RecipientAccountId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1782663732), lead.Timestamp);
    }

    [Fact]
    public void An_organic_lead_has_no_ad_ids()
    {
        var lead = Assert.IsType<LeadgenEvent>(Assert.Single(CrmFixtures.Normalize("meta_leadgen_webhook_no_ad_ids_fbsamples_postman.json")));
        Assert.Null(lead.AdId);
        Assert.Null(lead.AdgroupId);
        Assert.Equal("172036835026334", lead.FormId);
        Assert.Equal("233370042045345", lead.LeadgenId);
    }

    [Theory]
    [InlineData("meta_leadgen_webhook_dashboard_test_batched_aecc.json", 2)]
    [InlineData("meta_leadgen_webhook_dashboard_test_single_raw.json", 1)]
    public void Dashboard_test_leads_are_marked_and_routed_by_their_page_id(string file, int count)
    {
        var leads = CrmFixtures.Normalize(file).Cast<LeadgenEvent>().ToList();
        Assert.Equal(count, leads.Count);
        Assert.All(leads, l =>
        {
            Assert.True(l.IsDashboardTest);
            Assert.Equal("0", l.EntryId);
            Assert.Equal("444444444444", l.RecipientAccountId);
        });
        // The batched test repeats one leadgen id: the same dedupe key, so the pipeline keeps one.
        Assert.Single(leads.Select(l => l.DedupeKey).Distinct());
    }

    [Fact]
    public void A_change_without_value_is_no_lead_and_no_crash()
    {
        var evt = Assert.Single(CrmFixtures.Normalize("meta_leadgen_webhook_change_without_value_oss_note.json"));
        var unsupported = Assert.IsType<UnsupportedEvent>(evt);
        Assert.Null(unsupported.CustomerId); // ignored by the pipeline: nobody to store it for
    }
}
