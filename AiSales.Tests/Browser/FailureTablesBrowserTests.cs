using AiSales.Core.Crm.Odoo;
using AiSales.Dashboard.Localization;
using AiSales.Tests.Dashboard;
using AiSales.Tests.LeadAds;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiSales.Tests.Browser;

/// <summary>
/// The merchant pages that list a provider's failures (Lead ads, the Conversions API's events, the Odoo pushes on
/// Integrations, the ad account on CRM) with Meta's and Odoo's real long words, at 390 px and 1280 px, Arabic and
/// English: each failure leads with our reason in the page's language, the stored words open behind "Original text",
/// an unknown failure shows its words as stored, and no table grows wider than its box, closed or open (long words
/// wrap). Saves failures-&lt;lang&gt;-&lt;width&gt;-&lt;page&gt;.png under TestResults/screenshots.
/// </summary>
public sealed class FailureTablesBrowserTests(BrowserAppFixture app) : BrowserTest(app)
{
    // Meta's own words (fixtures/meta/responses/graph_error_100_33_object_not_found_bindambc.json), with a long URL.
    private const string ObjectNotFound = "Unsupported get request. Object with ID '454545' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api";
    private const string Expired = "Error validating access token: Session has expired on Wednesday, 14-Feb-18 18:00:00 PST. The current time is Thursday, 15-Feb-18 13:46:35 PST.";

    // The named tables wider than the box they sit in, or whose box scrolls (as OperationsLayoutBrowserTests; the CRM
    // page's figures are a wide matrix meant to scroll inside its box, so tables are named); a row or a cell sticking out
    // of its table (clipped by it, so the page does not scroll, but cut off); two cells of a row drawn over each other
    // (a cell wider than its place in a phone's card).
    private const string TablesTooWideScript = """
        ids => ids.map(id => document.querySelector(`main table[data-testid="${id}"]`)).filter(t => t && t.checkVisibility()).flatMap(t => {
            const problems = [];
            const box = t.closest('.scroll-x') ?? t.parentElement;
            const table = t.getBoundingClientRect();
            if (table.width > box.clientWidth + 1 || box.scrollWidth > box.clientWidth + 1)
                problems.push(`${t.dataset.testid}: ${Math.round(table.width)} px in a ${box.clientWidth} px box`);
            for (const row of t.querySelectorAll('tbody tr')) {
                const cells = Array.from(row.children).filter(c => c.checkVisibility());
                for (const el of [row, ...cells]) {
                    const r = el.getBoundingClientRect();
                    if (r.left < table.left - 1 || r.right > table.right + 1)
                        problems.push(`${t.dataset.testid}: a ${el.tagName.toLowerCase()} at ${Math.round(r.left)}–${Math.round(r.right)} px sticks out of ${Math.round(table.left)}–${Math.round(table.right)} px`);
                }
                cells.forEach((a, i) => cells.slice(i + 1).forEach((b, j) => {
                    const [ra, rb] = [a.getBoundingClientRect(), b.getBoundingClientRect()];
                    if (Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left) > 1 && Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) > 1)
                        problems.push(`${t.dataset.testid}: cells ${i + 1} and ${i + j + 2} of a row overlap`);
                }));
            }
            return problems;
        })
        """;

    [Theory]
    [InlineData(390, 844, "ar")]
    [InlineData(390, 844, "en")]
    [InlineData(1280, 800, "ar")]
    [InlineData(1280, 800, "en")]
    public Task Failures_say_why_keep_the_providers_words_and_fit_the_screen(int width, int height, string language) => RunAsync(async page =>
    {
        var arabic = language == "ar";
        var seeded = await SeedAsync();
        try
        {
            await page.SetViewportSizeAsync(width, height);
            await LoginAsync(page);
            if (!arabic)
            {
                if (width < 768) await OpenMenuAsync(page);
                await TestId(page, "switch-language").ClickAsync();
                await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
            }

            // Lead ads: the dead token explained, Meta's words behind it; an HTTP status with no envelope shown as stored.
            await page.GotoAsync("/lead-ads");
            var expired = page.Locator($"[data-testid=lead-submission][data-leadgen-id='{seeded.ExpiredLead}']");
            await ExpectReasonAsync(expired, "lead-error", "fail.token.LeadRead", arabic, Expired);
            await Expect(page.Locator($"[data-testid=lead-submission][data-leadgen-id='{seeded.UnknownLead}'] [data-testid=lead-error]"))
                .ToHaveTextAsync(ObjectNotFound);
            await FitsAsync(page, "lead-ads", width, language, "lead-ads-table");

            // Conversions: the unknown dataset explained per Meta's code.
            await page.GotoAsync("/crm/conversions");
            var capi = page.Locator($"[data-testid=capi-event][data-event-id='{seeded.CapiEvent}']");
            await ExpectReasonAsync(capi, "capi-error", "fail.object.Conversions", arabic, ObjectNotFound);
            await FitsAsync(page, "conversions", width, language, "capi-events-table");

            // Integrations: Odoo refused the key (the real Odoo 15 answer), a validation message shown as stored.
            await page.GotoAsync("/integrations");
            var badLogin = page.Locator($"[data-testid=odoo-failure][data-sync-id='{seeded.OdooBadLogin}']");
            await ExpectReasonAsync(badLogin, "odoo-failure-error", "int.problem.BadLogin", arabic, "odoo.exceptions.AccessDenied: Access Denied");
            await Expect(page.Locator($"[data-testid=odoo-failure][data-sync-id='{seeded.OdooValidation}'] [data-testid=odoo-failure-error]"))
                .ToContainTextAsync("The probability of closing the deal should be between 0% and 100%");
            await FitsAsync(page, "integrations", width, language, "odoo-failures");

            // CRM: the ad account whose token Meta refused.
            await page.GotoAsync("/crm");
            var account = page.Locator($"[data-testid=ad-account][data-account-id='{seeded.AdAccount}']");
            await ExpectReasonAsync(account, "sync-error", "fail.token.AdAccount", arabic, Expired);
            await FitsAsync(page, "crm", width, language);
        }
        finally
        {
            await App.ExecuteAsync("DELETE FROM channel_accounts WHERE id = @c", ("c", seeded.Page));
            await App.ExecuteAsync("DELETE FROM ad_accounts WHERE id = @a", ("a", seeded.AdAccount));
            await App.ExecuteAsync("DELETE FROM odoo_sync WHERE merchant_id = @m", ("m", App.DemoMerchantId));
            await App.ExecuteAsync("DELETE FROM odoo_connections WHERE merchant_id = @m", ("m", App.DemoMerchantId));
        }
    });

    /// <summary>Our reason in the page's language leads; "Original text" opens on the provider's words.</summary>
    private static async Task ExpectReasonAsync(ILocator row, string testId, string key, bool arabic, string words)
    {
        var why = row.GetByTestId(testId);
        await Expect(why).ToHaveAttributeAsync("data-why", key);
        await Expect(why).ToHaveTextAsync(UiText.Get(key, arabic));
        var original = row.GetByTestId("meta-words");
        await Expect(original.Locator("summary")).ToHaveTextAsync(UiText.Get("send.details", arabic));
        await Expect(original.Locator(".raw-words")).ToBeHiddenAsync();
        await original.Locator("summary").ClickAsync();
        await Expect(original.Locator(".raw-words")).ToContainTextAsync(words);
    }

    /// <summary>With the words open: the failures' table no wider than its box, no sideways scrolling; then the screenshot.</summary>
    private static async Task FitsAsync(IPage page, string name, int width, string language, params string[] tables)
    {
        var where = $"{name} at {width} px, {language}";
        foreach (var table in tables) await Expect(TestId(page, table)).ToBeVisibleAsync();
        var tooWide = await page.EvaluateAsync<string[]>(TablesTooWideScript, tables);
        Assert.True(tooWide.Length == 0, $"{where}: tables that do not fit: {string.Join("; ", tooWide.Distinct())}");
        var scroll = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var inner = await page.EvaluateAsync<int>("() => window.innerWidth");
        Assert.True(scroll <= inner, $"{where}: the page is {scroll} px wide on a {inner} px screen");
        await ScreenshotAsync(page, $"failures-{language}-{width}-{name}");
    }

    private sealed record Seeded(Guid Page, string ExpiredLead, string UnknownLead, Guid AdAccount, long CapiEvent, long OdooBadLogin, long OdooValidation);

    /// <summary>
    /// The rows the jobs write when Meta or Odoo refuses (their own words, as stored): a Page of the demo shop with two
    /// failed lead reads, an ad account whose token Meta refused and whose order event named an unknown dataset, and an
    /// Odoo connection (its key never read here) with two failed pushes.
    /// </summary>
    private async Task<Seeded> SeedAsync()
    {
        var suffix = Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var page = await App.ScalarAsync<Guid>("""
            INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, display_name)
            VALUES (@m, 'messenger', 'meta', @e, 'صفحة إعلانات النماذج') RETURNING id
            """, ("m", App.DemoMerchantId), ("e", "1194402" + suffix));
        var (expiredLead, unknownLead) = ("91" + suffix + "02", "91" + suffix + "04");
        await App.ExecuteAsync("""
            INSERT INTO lead_form_submissions (merchant_id, channel_account_id, leadgen_id, status, attempts, last_error_code, last_error)
            VALUES (@m, @p, @a, 'failed', 1, '190', @expired), (@m, @p, @b, 'failed', 1, 'http_404', @unknown)
            """, ("m", App.DemoMerchantId), ("p", page), ("a", expiredLead), ("b", unknownLead), ("expired", Expired), ("unknown", ObjectNotFound));

        var order = (await SampleOrders.OrderAsync(App.ConnectionString, App.DemoMerchantId, "confirmed", [new(null, "عباية سوداء", 1, 45000, "L", "أسود")],
            customerName: "زبونة الأخطاء " + suffix[..4])).OrderId;
        var adAccount = await App.ScalarAsync<Guid>("""
            INSERT INTO ad_accounts (merchant_id, external_id, name, currency, access_token_encrypted, sync_enabled, sync_state, last_error, last_error_code,
                                     capi_dataset_id)
            VALUES (@m, @e, 'حساب إعلانات المتجر', 'USD', '\x01'::bytea, false, 'needs_reconnect', @expired, 190, '900000000000003') RETURNING id
            """, ("m", App.DemoMerchantId), ("e", "66" + suffix), ("expired", Expired));
        var capiEvent = await App.ScalarAsync<long>("""
            INSERT INTO capi_events (merchant_id, ad_account_id, order_id, order_number, event_key, event_name, event_id, event_time, value_iqd,
                                     channel, state, attempts, error_kind, last_error, last_error_code)
            SELECT @m, @a, o.id, o.number, 'purchase', 'Purchase', 'failures:' || gen_random_uuid(), now(), o.total_iqd, 'whatsapp', 'failed', 1,
                   'rejected', @words, 100
            FROM orders o WHERE o.id = @o RETURNING id
            """, ("m", App.DemoMerchantId), ("a", adAccount), ("o", order), ("words", ObjectNotFound));

        await App.ExecuteAsync("""
            INSERT INTO odoo_connections (merchant_id, url, database, username, api_key_encrypted, webhook_secret_encrypted)
            VALUES (@m, 'https://shop.odoo.example', 'shop', 'owner@shop.example', '\x01'::bytea, '\x01'::bytea)
            ON CONFLICT (merchant_id) DO NOTHING
            """, ("m", App.DemoMerchantId));
        // Stored as the sync job stores them: the real Odoo 15 AccessDenied answer's words, and a validation refusal.
        var denied = OdooFailureRecord.Format(OdooProblem.BadLogin, "odoo.exceptions.AccessDenied: " +
            System.Text.Json.JsonDocument.Parse(CrmFixtures.Text("odoo_jsonrpc_error_access_denied_real_odoo15.json")).RootElement
                .GetProperty("error").GetProperty("data").GetProperty("message").GetString());
        var validation = OdooFailureRecord.Format(OdooProblem.ServerError,
            "odoo.exceptions.ValidationError: The probability of closing the deal should be between 0% and 100%! (crm.lead: check_probability, record_ids: [4012, 4013, 4014])");
        const string Failed = """
            INSERT INTO odoo_sync (merchant_id, kind, entity_id, odoo_model, state, attempts, last_error)
            VALUES (@m, @k, @e, @model, 'failed', 6, @error) RETURNING id
            """;
        var badLogin = await App.ScalarAsync<long>(Failed, ("m", App.DemoMerchantId), ("k", "lead"), ("e", Guid.NewGuid()), ("model", "crm.lead"), ("error", denied));
        var invalid = await App.ScalarAsync<long>(Failed, ("m", App.DemoMerchantId), ("k", "order"), ("e", Guid.NewGuid()), ("model", "sale.order"), ("error", validation));
        return new Seeded(page, expiredLead, unknownLead, adAccount, capiEvent, badLogin, invalid);
    }
}
