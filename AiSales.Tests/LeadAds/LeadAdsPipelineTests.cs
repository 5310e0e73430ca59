using System.Text.Json;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.LeadAds;

/// <summary>
/// Lead ads end to end: every real leadgen delivery (fixtures/crm) POSTed signed to /webhooks/messenger, through the
/// Worker's pipeline and its Graph lead read (the fake answering in Graph's format) → exactly the expected contacts,
/// with their answers and first-touch attribution; duplicates make nothing twice; test leads and failures are visible.
/// </summary>
public sealed class LeadAdsPipelineTests : IAsyncLifetime
{
    private readonly LeadAdsHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Every_leadgen_fixture_makes_exactly_the_expected_contacts_with_answers_and_attribution()
    {
        foreach (var page in new[] { "153125381133", "138124712925158", "119440231087027", "521661014691560", "102858741624226", "444444444444" })
            await _host.AddPageAsync(page);
        // Meta's doc sample: two leads; the first with campaign and ad set (the token has ad-account access), the second without.
        _host.Graph.AddLead("123123123123", [("full_name", ["زينب علي"]), ("phone_number", ["0770 123 4567"]), ("state", ["بغداد"]),
            ("ما المقاس المطلوب؟", ["L"])], formId: "12312312312", adId: "12312312312", adsetId: "120200000000000002", campaignId: "120200000000000001");
        _host.Graph.AddLead("123123123124", [("full_name", ["Ali Hassan"]), ("email", ["ali@example.com"]), ("phone_number", ["+9647801112233"])],
            formId: "12312312312");
        // Organic lead: no ad ids anywhere.
        _host.Graph.AddLead("233370042045345", [("first_name", ["Noor"]), ("last_name", ["Kareem"]), ("phone_number", ["07501234567"])],
            formId: "172036835026334");
        // Graph leaves out ad_id here: the webhook's 18-digit id must arrive intact; the campaign id is 18 digits too.
        _host.Graph.AddLead("1530066778863063", [("full_name", ["Hassan"]), ("city", ["Erbil"])],
            formId: "1391684086110361", adsetId: "120250549031410415", campaignId: "120250549031410399");
        // Graph's own published lead body and the SDK capture with a CJK custom question, served as published.
        _host.Graph.AddLeadJson("775324273492217", CrmFixtures.Text("meta_lead_get_by_id_metadocs.json")
            .Replace("<LEAD_ID>", "775324273492217").Replace("<AD_ID>", "6303148372050").Replace("<FORM_ID>", "303770588554590"));
        _host.Graph.AddLeadJson("769224190664558", CrmFixtures.Text("meta_lead_sdk_output_cjk_field_name_issue217.json")
            .Replace("<LEAD_ID>", "769224190664558").Replace("<AD_ID>", "23849651968300182").Replace("<FORM_ID>", "82595106832717"));

        foreach (var file in CrmFixtures.LeadgenWebhooks) await _host.PostAsync(CrmFixtures.Bytes(file));
        await _host.WaitForLeadsSettledAsync();

        var contacts = await _host.LeadContactsAsync();
        // A phone that is a WhatsApp id puts the lead on the shop's WhatsApp number (as a WhatsApp customer is stored);
        // no phone, or one that is not recognisably international, keeps it on the Page as "leadgen:<id>".
        Assert.Equal([("9647701234567", "whatsapp"), ("9647801112233", "whatsapp"), ("leadgen:1530066778863063", "messenger"),
            ("9647501234567", "whatsapp"), ("leadgen:769224190664558", "messenger"), ("leadgen:775324273492217", "messenger")],
            contacts.Select(c => ((string)c["external_id"]!, (string)c["platform"]!)));
        Assert.All(contacts, c => Assert.Equal("lead_form", c["source"]));
        var byLead = contacts.ToDictionary(c => (string)c["leadgen_id"]!);

        var zainab = byLead["123123123123"];
        Assert.Equal(("زينب علي", "9647701234567", "120200000000000001", "120200000000000002", "12312312312", "12312312312"),
            (zainab["display_name"], zainab["phone"], zainab["campaign_id"], zainab["adset_id"], zainab["ad_id"], zainab["form_id"]));
        Assert.Equal("ordering", zainab["stage"]); // gave a phone: scored as a chat lead that did
        Assert.True((int)zainab["score"]! >= 20);
        Assert.Null(byLead["123123123124"]["campaign_id"]);
        Assert.Equal("9647801112233", byLead["123123123124"]["phone"]);
        Assert.Equal(("Noor Kareem", "9647501234567", null, null), (byLead["233370042045345"]["display_name"], byLead["233370042045345"]["phone"],
            byLead["233370042045345"]["ad_id"], byLead["233370042045345"]["campaign_id"]));
        Assert.Equal(("120250549031410414", "120250549031410399"), (byLead["1530066778863063"]["ad_id"], byLead["1530066778863063"]["campaign_id"]));
        Assert.Equal(("Joe Example", "6303148372050", "303770588554590"), (byLead["775324273492217"]["display_name"],
            byLead["775324273492217"]["ad_id"], byLead["775324273492217"]["form_id"]));
        Assert.Equal("0900111222", byLead["769224190664558"]["phone"]);

        var submissions = await _host.SubmissionsAsync();
        var answers = submissions.Where(s => (string)s["status"]! == "fetched")
            .ToDictionary(s => (string)s["leadgen_id"]!, s => JsonSerializer.Deserialize<Dictionary<string, string[]>>((string)s["answers"]!)!);
        Assert.Equal(6, answers.Count);
        Assert.Equal(["L"], answers["123123123123"]["ما المقاس المطلوب؟"]);
        Assert.Equal(["99213450"], answers["775324273492217"]["selected_dealer"]);
        Assert.Equal(["name"], answers["769224190664558"]["請協助留下您的真實中文姓名，方便後續聯絡作業"]);
        // The dashboard's Test button (sent twice, once batched with itself): one visible test lead, never read from Graph.
        var test = Assert.Single(submissions, s => (string)s["status"]! == "test");
        Assert.Equal(("444444444444", null), (test["leadgen_id"], test["contact_id"]));
        Assert.Equal(7, submissions.Count);
        Assert.DoesNotContain(_host.Graph.LeadReads, r => r.Path.Contains("444444444444", StringComparison.Ordinal));
        Assert.Equal(6, _host.Graph.LeadReads.Count);
        Assert.All(_host.Graph.LeadReads, r => Assert.Equal(LeadAdsHost.PageToken, r.BearerToken));
        Assert.Equal(6, await _host.Worker.ScalarAsync<long>("SELECT count(*) FROM lead_activities WHERE kind = 'attribution' AND to_value = 'lead_form'"));

        // Meta retries deliveries for 36 hours: the same bodies again make nothing new and read nothing again.
        foreach (var file in CrmFixtures.LeadgenWebhooks) await _host.PostAsync(CrmFixtures.Bytes(file));
        await _host.WaitForLeadsSettledAsync();
        Assert.Equal(6, (await _host.LeadContactsAsync()).Count);
        Assert.Equal(7, (await _host.SubmissionsAsync()).Count);
        Assert.Equal(6, _host.Graph.LeadReads.Count);
    }

    [Fact]
    public async Task The_same_leadgen_id_twice_in_one_delivery_makes_one_contact_on_the_page_when_the_shop_has_no_whatsapp()
    {
        await _host.Worker.ExecAsync("UPDATE channel_accounts SET status = 'disabled' WHERE platform = 'whatsapp'");
        await _host.AddPageAsync("300000000000001");
        _host.Graph.AddLead("910000000000001", [("full_name", ["Sara"]), ("phone_number", ["07711112222"])], formId: "41");
        var one = LeadAdsHost.Leadgen("300000000000001", "910000000000001", "41", "120250549031410414");
        var twice = one.Replace("\"field\": \"leadgen\"}]", "\"field\": \"leadgen\"}, " + Change(one) + "]");
        await _host.PostAsync(twice);
        await _host.WaitForLeadsSettledAsync();

        var contact = Assert.Single(await _host.LeadContactsAsync());
        Assert.Equal(("Sara", "9647711112222", "leadgen:910000000000001", "messenger"),
            (contact["display_name"], contact["phone"], contact["external_id"], contact["platform"]));
        Assert.Single(_host.Graph.LeadReads);
    }

    [Fact]
    public async Task A_form_lead_who_then_writes_on_whatsapp_continues_as_the_same_contact()
    {
        await _host.AddPageAsync("300000000000005");
        _host.Graph.AddLead("910000000000005", [("full_name", ["Maryam"]), ("phone_number", ["0770 555 4433"])], formId: "45",
            campaignId: "120200000000000005");
        await _host.PostAsync(LeadAdsHost.Leadgen("300000000000005", "910000000000005", "45", "120200000000000006"));
        await _host.WaitForLeadsSettledAsync();
        var lead = Assert.Single(await _host.LeadContactsAsync());
        Assert.Equal(("9647705554433", "whatsapp"), (lead["external_id"], lead["platform"]));

        await _host.Worker.DeliverAsync(ChannelPlatform.WhatsApp,
            Sending.EndToEndHost.WaText("wamid.lead1", "9647705554433", "مرحبا شفت اعلانكم", DateTimeOffset.UtcNow));

        var rows = await _host.Worker.RowsAsync("""
            SELECT k.id, k.first_touch->>'campaign_id' AS campaign_id, (SELECT count(*) FROM conversations c WHERE c.contact_id = k.id) AS chats
            FROM contacts k WHERE k.external_id = '9647705554433'
            """);
        var contact = Assert.Single(rows);
        Assert.Equal((lead["id"], "120200000000000005", 1L), (contact["id"], contact["campaign_id"], contact["chats"]));
    }

    [Fact]
    public async Task A_dead_page_token_fails_the_submission_visibly_and_the_page_needs_reconnect()
    {
        var page = await _host.AddPageAsync("300000000000002", FakeGraphApi.ExpiredToken);
        _host.Graph.AddLead("910000000000002", [("full_name", ["Omar"])], formId: "42");
        await _host.PostAsync(LeadAdsHost.Leadgen("300000000000002", "910000000000002", "42"));
        await _host.WaitForLeadsSettledAsync();

        var submission = Assert.Single(await _host.SubmissionsAsync());
        Assert.Equal(("failed", "190", null), (submission["status"], submission["last_error_code"], submission["contact_id"]));
        Assert.Contains("access token", (string)submission["last_error"]!);
        Assert.Equal("needs_reconnect", await _host.Worker.ScalarAsync<string>("SELECT status FROM channel_accounts WHERE id = $1", page));
        Assert.Empty(await _host.LeadContactsAsync());
        Assert.Single(_host.Graph.LeadReads); // a dead token is not hammered
    }

    [Fact]
    public async Task A_throttled_read_is_tried_again_with_backoff_and_then_fetched()
    {
        await _host.AddPageAsync("300000000000003");
        _host.Graph.AddLead("910000000000003", [("full_name", ["Huda"]), ("phone_number", ["07801234567"])], formId: "43",
            campaignId: "120200000000000009");
        _host.Graph.FailNext(1, new FakeFault(400, CrmFixtures.Text("meta_graph_error_32_page_request_limit_metadocs.json")));
        _host.Graph.FailNext(1, new FakeFault(400, CrmFixtures.Text("meta_graph_error_80001_buc_rate_limit_metadocs.json")));

        await _host.PostAsync(LeadAdsHost.Leadgen("300000000000003", "910000000000003", "43"));
        await _host.WaitForLeadsSettledAsync();

        var submission = Assert.Single(await _host.SubmissionsAsync());
        Assert.Equal(("fetched", 3, null), (submission["status"], submission["attempts"], submission["last_error"]));
        Assert.Equal("120200000000000009", Assert.Single(await _host.LeadContactsAsync())["campaign_id"]);
        var reads = _host.Graph.LeadReads;
        Assert.Equal(3, reads.Count);
        Assert.True(reads[1].ReceivedAt - reads[0].ReceivedAt >= TimeSpan.FromMilliseconds(150), "the second read waited for the backoff");
    }

    [Fact]
    public async Task A_lead_graph_does_not_know_fails_once_and_is_not_retried()
    {
        await _host.AddPageAsync("300000000000004");
        await _host.PostAsync(LeadAdsHost.Leadgen("300000000000004", "910000000000004", "44"));
        await _host.WaitForLeadsSettledAsync();

        var submission = Assert.Single(await _host.SubmissionsAsync());
        Assert.Equal(("failed", "100", 1), (submission["status"], submission["last_error_code"], submission["attempts"]));
        Assert.Contains("does not exist", (string)submission["last_error"]!);
        Assert.Single(_host.Graph.LeadReads);
    }

    [Fact]
    public async Task A_read_that_keeps_throwing_fails_its_submission_as_it_is_dead_lettered()
    {
        var page = await _host.AddPageAsync("300000000000006");
        var pending = await _host.Worker.ScalarAsync<Guid>("""
            INSERT INTO lead_form_submissions (merchant_id, channel_account_id, leadgen_id, status) VALUES ($1, $2, '910000000000006', 'pending') RETURNING id
            """, _host.Worker.MerchantId, page);
        var hooks = _host.Worker.Services.GetServices<Core.Messaging.IDeadLetterHook>().ToList();
        foreach (var hook in hooks) await hook.DeadLetteredAsync(new Core.Messaging.FetchLeadForm(pending), 5, new TimeoutException());

        var submission = Assert.Single(await _host.SubmissionsAsync());
        Assert.Equal(("failed", "dead_lettered"), (submission["status"], submission["last_error_code"]));
        Assert.Contains("Read again", (string)submission["last_error"]!);
    }

    /// <summary>The change object of a one-change delivery.</summary>
    private static string Change(string delivery)
    {
        using var doc = JsonDocument.Parse(delivery);
        return doc.RootElement.GetProperty("entry")[0].GetProperty("changes")[0].GetRawText();
    }
}
