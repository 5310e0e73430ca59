using System.Net;

namespace AiSales.Tests.Dashboard;

/// <summary>The health page of a WhatsApp number and the alert banner on the Channels page (monitoring).</summary>
public sealed partial class DashboardPagesTests
{
    [Fact]
    public async Task A_WhatsApp_number_health_page_shows_signals_sends_and_its_open_alert_in_arabic_and_english()
    {
        var merchant = DashboardAppFactory.DemoMerchantId;
        var number = await Db.ScalarAsync<Guid>($"""
            INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, display_name)
            VALUES ('{merchant}', 'whatsapp', 'meta', '106540352245555', 'Health test number') RETURNING id
            """);
        await Db.ExecuteAsync($$"""
            INSERT INTO channel_signals (merchant_id, channel_account_id, kind, value, subject, detail, received_at) VALUES
              ('{{merchant}}', '{{number}}', 'quality', 'FLAGGED', NULL, '{}', now() - interval '2 hours'),
              ('{{merchant}}', '{{number}}', 'messaging_limit', 'TIER_1K', NULL, '{}', now() - interval '2 hours'),
              ('{{merchant}}', '{{number}}', 'template', 'REJECTED', 'order_update_ar', jsonb_build_object('value', jsonb_build_object('reason', 'SCAM')), now() - interval '1 hour');
            INSERT INTO channel_alerts (merchant_id, channel_account_id, kind, opened_at, notified_at)
            VALUES ('{{merchant}}', '{{number}}', 'deliveries_stopped', now() - interval '10 minutes', now() - interval '9 minutes');
            """);
        var otherShops = await Db.ScalarAsync<Guid>($"""
            INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, display_name)
            VALUES ('{DashboardAppFactory.OtherMerchantId}', 'whatsapp', 'meta', '106540352246666', 'Other shop number') RETURNING id
            """);
        try
        {
            using var client = await SignedInAsync();
            var channels = await client.GetStringAsync("/channels");
            Assert.Contains($"href=\"/channels/{number}/health\"", channels);
            Assert.Contains($"data-testid=\"channel-alert\" data-kind=\"deliveries_stopped\" data-channel-id=\"{number}\"", channels);
            Assert.DoesNotContain($"/channels/{otherShops}/health", channels);

            var page = await client.GetAsync($"/channels/{number}/health");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var arabic = await page.Content.ReadAsStringAsync();
            Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", arabic);
            Assert.Contains("data-testid=\"health-alert\" data-kind=\"deliveries_stopped\"", arabic);
            Assert.Contains("توقف وصول الرسائل لهذا الرقم", arabic);
            Assert.Contains("مُنبَّه (جودة منخفضة)", arabic);
            Assert.Contains("TIER_1K", arabic);
            Assert.Contains("data-testid=\"health-template\" data-name=\"order_update_ar\" data-status=\"REJECTED\"", arabic);
            Assert.Contains("SCAM", arabic);
            Assert.Contains("data-verified=\"true\"", arabic); // Meta's reports are events: the subscription works
            Assert.Equal(24, arabic.Split("data-events=").Length - 1);
            Assert.DoesNotMatch(@"[>\s]health\.[a-zA-Z.]+<", arabic); // no missing text key on screen

            await SwitchToEnglishAsync(client);
            var english = await client.GetStringAsync($"/channels/{number}/health");
            Assert.Contains("<html lang=\"en\" dir=\"ltr\">", english);
            Assert.Contains("Deliveries stopped for this number", english);
            Assert.Contains("Flagged (low quality)", english);

            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/channels/{otherShops}/health")).StatusCode);
        }
        finally
        {
            await Db.ExecuteAsync($"DELETE FROM channel_accounts WHERE id IN ('{number}', '{otherShops}')");
        }
    }
}
