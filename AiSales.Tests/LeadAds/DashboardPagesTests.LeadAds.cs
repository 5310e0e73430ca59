using System.Net;
using AiSales.Core.Messaging;
using AiSales.Dashboard.Localization;
using AiSales.Tests.Infrastructure;

namespace AiSales.Tests.Dashboard;

/// <summary>
/// The Lead ads page through real HTTP: a form lead's answers (any Unicode key) and attribution, a failed
/// read with its reason and the reconnect hint, a test lead explained; the lead board links a form lead to its answers.
/// Lives with the lead ads tests; a part of DashboardPagesTests for its signed-in fixture.
/// </summary>
public sealed partial class DashboardPagesTests
{
    [Fact]
    public async Task Lead_ads_page_shows_answers_campaign_and_failures_of_this_shop_only()
    {
        var merchant = DashboardAppFactory.DemoMerchantId;
        var other = DashboardAppFactory.OtherMerchantId;
        var page = await Db.ScalarAsync<Guid>($"""
            INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, display_name)
            VALUES ('{merchant}', 'messenger', 'meta', '119440231087027', 'Lead ads test page') RETURNING id
            """);
        var otherPage = await Db.ScalarAsync<Guid>($"""
            INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, display_name)
            VALUES ('{other}', 'messenger', 'meta', '119440231087999', 'Other shop page') RETURNING id
            """);
        var contact = await Db.ScalarAsync<Guid>($$"""
            INSERT INTO contacts (merchant_id, channel_account_id, external_id, display_name, phone, stage, first_touch)
            VALUES ('{{merchant}}', '{{page}}', 'leadgen:1530066778863063', 'زينب علي', '9647701234567', 'ordering',
                    '{"source":"lead_form","campaign_id":"120250549031410399","ad_id":"120250549031410414","leadgen_id":"1530066778863063"}') RETURNING id
            """);
        await Db.ExecuteAsync($$"""
            INSERT INTO lead_form_submissions (merchant_id, channel_account_id, leadgen_id, page_id, form_id, ad_id, adset_id, campaign_id, status, answers, contact_id, attempts)
            VALUES ('{{merchant}}', '{{page}}', '1530066778863063', '119440231087027', '1391684086110361', '120250549031410414', '120250549031410415',
                    '120250549031410399', 'fetched', '{"full_name":["زينب علي"],"ما المقاس المطلوب؟":["L"],"請協助留下您的真實中文姓名":["name"]}', '{{contact}}', 1);
            INSERT INTO lead_form_submissions (merchant_id, channel_account_id, leadgen_id, status, attempts, last_error_code, last_error)
            VALUES ('{{merchant}}', '{{page}}', '910000000000002', 'failed', 1, '190', 'Error validating access token: Session has expired on Wednesday, 14-Feb-18 18:00:00 PST. The current time is Thursday, 15-Feb-18 13:46:35 PST.'),
                   ('{{merchant}}', '{{page}}', '910000000000003', 'pending', 2, '80001', '(#80001) There have been too many calls to this Page account. Wait a bit and try again.'),
                   ('{{merchant}}', '{{page}}', '910000000000004', 'failed', 1, 'http_404', 'The platform answered HTTP 404.'),
                   ('{{merchant}}', '{{page}}', '444444444444', 'test', 0, 'test_lead', 'A test lead');
            INSERT INTO lead_form_submissions (merchant_id, channel_account_id, leadgen_id, status, answers)
            VALUES ('{{other}}', '{{otherPage}}', '777000777000', 'fetched', '{"full_name":["Other shop lead"]}');
            """);
        try
        {
            using var client = await SignedInAsync();
            var response = await client.GetAsync("/lead-ads");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var arabic = await response.Content.ReadAsStringAsync();
            Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", arabic);
            Assert.Contains($"data-leadgen-id=\"1530066778863063\" data-status=\"fetched\" data-contact-id=\"{contact}\"", arabic);
            Assert.Contains("ما المقاس المطلوب؟", arabic);
            Assert.Contains("請協助留下您的真實中文姓名", arabic);
            Assert.Contains("data-testid=\"lead-campaign\">120250549031410399<", arabic);
            Assert.Contains("data-testid=\"lead-ad\">120250549031410414<", arabic);
            Assert.Contains("href=\"https://wa.me/9647701234567\"", arabic);
            Assert.Contains("data-leadgen-id=\"910000000000002\" data-status=\"failed\"", arabic);
            // Why, in the page's language: the dead token says to reconnect the Page, Meta's words behind "Original text".
            var expired = SubmissionRow(arabic, "910000000000002");
            Assert.Contains("data-testid=\"lead-error\" data-why=\"fail.token.LeadRead\"", expired);
            Assert.Contains(UiText.Get("fail.token.LeadRead", arabic: true), expired);
            Assert.Matches("data-testid=\"meta-words\"><summary>" + UiText.Get("send.details", arabic: true) + "</summary><div class=\"raw-words\" dir=\"auto\">Error validating access token: Session has expired", expired);
            // A throttled read waiting for its next try says so; an error with no known class is shown as stored.
            Assert.Contains("data-why=\"fail.rate_limited.retrying\"", SubmissionRow(arabic, "910000000000003"));
            Assert.Matches("<div class=\"fail-raw error small\" dir=\"auto\" data-testid=\"lead-error\">The platform answered HTTP 404.</div>", SubmissionRow(arabic, "910000000000004"));
            Assert.Contains("data-leadgen-id=\"444444444444\" data-status=\"test\"", arabic);
            Assert.Contains("نموذج تجريبي", arabic);
            Assert.Contains("ماسنجر ما يسمح", arabic); // what the greeting can and cannot do is said on the page
            Assert.Contains("href=\"/templates\"", arabic);
            Assert.DoesNotContain("777000777000", arabic);
            Assert.DoesNotContain("Other shop lead", arabic);
            Assert.DoesNotMatch(@"[>\s]leadAds\.[a-zA-Z.]+<", arabic); // no missing text key on screen

            var one = await client.GetStringAsync($"/lead-ads?contact={contact}");
            Assert.Contains("data-testid=\"lead-ads-contact-filter\"", one);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(one, "data-testid=\"lead-submission\""));

            // Once the lead is in a conversation, the inbox's contact panel shows the form's answers and its campaign.
            var chat = await Db.ScalarAsync<Guid>($"""
                INSERT INTO conversations (merchant_id, channel_account_id, contact_id, last_message_at) VALUES ('{merchant}', '{page}', '{contact}', now()) RETURNING id
                """);
            var inbox = await client.GetStringAsync($"/inbox/{chat}");
            Assert.Contains("data-testid=\"contact-lead-form\" data-leadgen-id=\"1530066778863063\"", inbox);
            Assert.Contains("ما المقاس المطلوب؟", inbox);
            Assert.Contains("data-testid=\"first-touch-campaign\">120250549031410399<", inbox);

            var board = await client.GetStringAsync("/leads");
            Assert.Contains($"href=\"/lead-ads?contact={contact}\" data-testid=\"lead-form-link\"", board);

            // "Read again" on the failed read (once the Page is reconnected): pending again, its read queued, audited; twice is once.
            var failed = await Db.ScalarAsync<Guid>($"SELECT id FROM lead_form_submissions WHERE leadgen_id = '910000000000002' AND merchant_id = '{merchant}'");
            Assert.Contains($"name=\"submissionId\" value=\"{failed}\"", arabic);
            await PostFormAsync(client, "/lead-ads", "retry", new() { ["submissionId"] = failed.ToString() });
            await PostFormAsync(client, "/lead-ads", "retry", new() { ["submissionId"] = failed.ToString() });
            Assert.Equal("pending", await Db.ScalarAsync<string>($"SELECT status FROM lead_form_submissions WHERE id = '{failed}'"));
            await Eventually.UntilAsync(async () =>
                (await QueueWork.QueuedMessagesAsync<FetchLeadForm>(fixture.App.Services)).Any(m => m.SubmissionId == failed), "the read queued again");
            Assert.Single(await QueueWork.QueuedMessagesAsync<FetchLeadForm>(fixture.App.Services), m => m.SubmissionId == failed);
            Assert.Contains("data-flash=\"retried\"", await client.GetStringAsync("/lead-ads?flash=retried"));
            Assert.Equal(1L, await Db.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE action = 'lead_form.retried' AND entity_id = '{failed}'"));
            var otherFailed = await Db.ScalarAsync<Guid>($"""
                INSERT INTO lead_form_submissions (merchant_id, channel_account_id, leadgen_id, status) VALUES ('{other}', '{otherPage}', '777000777001', 'failed') RETURNING id
                """);
            await PostFormAsync(client, "/lead-ads", "retry", new() { ["submissionId"] = otherFailed.ToString() });
            Assert.Equal("failed", await Db.ScalarAsync<string>($"SELECT status FROM lead_form_submissions WHERE id = '{otherFailed}'"));

            await SwitchToEnglishAsync(client);
            var english = await client.GetStringAsync("/lead-ads");
            Assert.Contains("<html lang=\"en\" dir=\"ltr\">", english);
            Assert.Contains("Lead ads submissions", english);
            Assert.Contains("Waiting for Meta", english); // the read queued again
            Assert.Contains("Test lead", english);
            Assert.Contains("Messenger does not allow writing to a form lead", english);
            Assert.Contains(UiText.Get("fail.rate_limited.retrying", arabic: false), SubmissionRow(english, "910000000000003"));
            Assert.Contains(">Original text</summary>", SubmissionRow(english, "910000000000003"));
        }
        finally
        {
            await Db.ExecuteAsync($"DELETE FROM channel_accounts WHERE id IN ('{page}', '{otherPage}')");
        }
    }

    /// <summary>One submission's row of the Lead ads page.</summary>
    private static string SubmissionRow(string page, string leadgenId)
    {
        var start = page.IndexOf($"data-leadgen-id=\"{leadgenId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for {leadgenId}");
        var end = page.IndexOf("</tr>", start, StringComparison.Ordinal);
        return page[start..end];
    }
}
