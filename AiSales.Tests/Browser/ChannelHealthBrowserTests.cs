using static Microsoft.Playwright.Assertions;

namespace AiSales.Tests.Browser;

/// <summary>
/// Issue #23 (monitoring): the owner sees an open alert on the Channels page, follows it to the number's health page and
/// reads it on a phone in Arabic (390 px, right to left) and on a desktop in English, without sideways scrolling.
/// Saves health-&lt;lang&gt;-&lt;width&gt;.png under TestResults/screenshots.
/// </summary>
public sealed class ChannelHealthBrowserTests(BrowserAppFixture app) : BrowserTest(app)
{
    [Theory]
    [InlineData(390, 844, "ar")]
    [InlineData(1280, 800, "en")]
    public Task The_alert_leads_to_a_health_page_that_fits_the_screen(int width, int height, string language) => RunAsync(async page =>
    {
        var externalId = "1065403" + Random.Shared.NextInt64(10_000_000, 99_999_999);
        var number = await App.ScalarAsync<Guid>("""
            INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, display_name)
            VALUES (@m, 'whatsapp', 'meta', @e, 'رقم المتجر الثاني') RETURNING id
            """, ("m", App.DemoMerchantId), ("e", externalId));
        await App.ExecuteAsync("""
            INSERT INTO channel_signals (merchant_id, channel_account_id, kind, value, subject, detail, received_at) VALUES
              (@m, @n, 'quality', 'FLAGGED', NULL, '{}', now() - interval '3 hours'),
              (@m, @n, 'messaging_limit', 'TIER_1K', NULL, '{}', now() - interval '3 hours'),
              (@m, @n, 'template', 'APPROVED', 'order_confirmation_ar', '{}', now() - interval '8 hours'),
              (@m, @n, 'template', 'REJECTED', 'weekend_offer_with_a_rather_long_template_name', jsonb_build_object('value', jsonb_build_object('reason', 'INCORRECT_CATEGORY')), now() - interval '7 hours');
            INSERT INTO channel_alerts (merchant_id, channel_account_id, kind, opened_at, notified_at)
            VALUES (@m, @n, 'deliveries_stopped', now() - interval '20 minutes', now() - interval '19 minutes');
            """, ("m", App.DemoMerchantId), ("n", number));
        try
        {
            await page.SetViewportSizeAsync(width, height);
            await LoginAsync(page);
            if (language == "en")
            {
                await TestId(page, "switch-language").ClickAsync();
                await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
            }

            await page.GotoAsync("/channels");
            var banner = page.Locator($"[data-testid=channel-alert][data-channel-id='{number}']");
            await Expect(banner).ToBeVisibleAsync();
            await banner.Locator("a").ClickAsync();

            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/channels/{number}/health$"));
            await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", language == "ar" ? "rtl" : "ltr");
            await Expect(page.Locator("h1")).ToHaveCountAsync(1);
            await Expect(TestId(page, "health-alert")).ToBeVisibleAsync();
            await Expect(TestId(page, "health-quality")).ToContainTextAsync(language == "ar" ? "مُنبَّه" : "Flagged");
            await Expect(TestId(page, "health-template")).ToHaveCountAsync(2);
            await Expect(TestId(page, "health-per-hour").Locator("span")).ToHaveCountAsync(24);
            var scroll = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            var inner = await page.EvaluateAsync<int>("() => window.innerWidth");
            Assert.True(scroll <= inner, $"the health page is {scroll} px wide on a {inner} px screen");
            await ScreenshotAsync(page, $"health-{language}-{width}");
        }
        finally
        {
            await App.ExecuteAsync("DELETE FROM channel_accounts WHERE id = @n", ("n", number));
        }
    });
}
