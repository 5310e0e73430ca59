using AiSales.Dashboard.Localization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiSales.Tests.Browser;

/// <summary>
/// Issue #21: the Analytics page's comparison over time, drawn by Radzen in chromium from rows this test writes for the
/// demo shop in a week no other test touches (June 2025): an ad customer and a story customer on the shop's first channel.
/// The legend names the series in the page's language (platforms capitalised in English, in Arabic on the Arabic page),
/// the dates and numbers follow the digits preference, the first day sits on the right in Arabic and on the left in
/// English, and no Content-Security-Policy violation is reported. Saves analytics-compare-*.png.
/// </summary>
public sealed class AnalyticsChartsBrowserTests(BrowserAppFixture app) : BrowserTest(app)
{
    private const string Week = "from=2025-06-01&to=2025-06-07";

    [Fact]
    public Task The_comparison_chart_names_its_series_in_the_pages_language_with_the_seeded_numbers() => RunAsync(async page =>
    {
        var platform = await SeedWeekAsync();
        var violations = new List<string>();
        // Radzen's script and stylesheet come from the package (_content/Radzen.Blazor): a missing one is a broken chart.
        page.Response += (_, r) => { if (r.Status == 404 && !r.Url.EndsWith("/favicon.ico", StringComparison.Ordinal)) lock (violations) violations.Add("404 " + r.Url); };
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) lock (violations) violations.Add(m.Text); };
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));");
        await page.SetViewportSizeAsync(1024, 900);
        await LoginAsync(page);

        // Arabic, messages in by customer source: 3 from the ad customer, 1 from the story customer.
        await page.GotoAsync($"/analytics?{Week}&metric=messages&by=source");
        var chart = await DrawnAsync(page);
        await ExpectLegendAsync(chart, [UiText.Get("source.ad", true), UiText.Get("source.story", true)]);
        await ExpectTotalAsync(chart, "ad", 3);
        await ExpectTotalAsync(chart, "story", 1);
        Assert.True(await FirstDayIsRightOfLastAsync(chart), "Arabic: the first day should be on the right");
        await ExpectTicksAsync(chart, "1/6");
        await ScreenshotAsync(page, "analytics-compare-ar-source");

        // Arabic digits: the dates under the axis and the numbers beside it turn to ٠–٩; the names stay Arabic.
        await TestId(page, "switch-digits").ClickAsync();
        await page.GotoAsync($"/analytics?{Week}&metric=revenue&by=channel");
        chart = await DrawnAsync(page);
        await ExpectLegendAsync(chart, [UiText.Get("platform." + platform, true)]);
        await ExpectTotalAsync(chart, platform, 50_000);
        await ExpectTicksAsync(chart, "١/٦");
        Assert.DoesNotContain(await TickTextsAsync(chart), t => t.Any(char.IsAsciiDigit));
        Assert.True(await FirstDayIsRightOfLastAsync(chart), "Arabic digits: the first day should still be on the right");
        await ScreenshotAsync(page, "analytics-compare-ar-revenue-arabic-digits");
        await TestId(page, "switch-digits").ClickAsync();

        // English: the same figures, series named in English, time runs left to right.
        await TestId(page, "switch-language").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
        await page.GotoAsync($"/analytics?{Week}&metric=orders&by=channel");
        chart = await DrawnAsync(page);
        await ExpectLegendAsync(chart, [UiText.Get("platform." + platform, false)]);
        await ExpectTotalAsync(chart, platform, 1);
        await page.GotoAsync($"/analytics?{Week}&metric=replies&by=source");
        chart = await DrawnAsync(page);
        await ExpectLegendAsync(chart, [UiText.Get("source.ad", false), UiText.Get("source.story", false)]);
        await ExpectTotalAsync(chart, "ad", 2);
        Assert.False(await FirstDayIsRightOfLastAsync(chart), "English: the first day should be on the left");
        await ExpectTicksAsync(chart, "1/6");
        await ScreenshotAsync(page, "analytics-compare-en-source");

        Assert.Empty(violations);
    });

    /// <summary>The comparison's Radzen drawing once the circuit has measured it: axis labels and the legend.</summary>
    private static async Task<ILocator> DrawnAsync(IPage page)
    {
        var chart = TestId(page, "chart-compare");
        await Expect(chart.Locator(".rz-chart svg text").First).ToBeVisibleAsync();
        await Expect(chart.Locator(".rz-legend-item-text").First).ToBeVisibleAsync();
        return chart;
    }

    private static async Task ExpectLegendAsync(ILocator chart, string[] names) =>
        await Expect(chart.Locator(".rz-legend-item-text")).ToHaveTextAsync(names);

    private static async Task ExpectTotalAsync(ILocator chart, string key, long total) =>
        await Expect(chart.Locator($"[data-testid=chart-legend][data-series='{key}']")).ToHaveAttributeAsync("data-total", total.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static Task<string[]> TickTextsAsync(ILocator chart) =>
        chart.Locator("svg text").EvaluateAllAsync<string[]>("els => els.map(e => e.textContent.trim()).filter(t => t)");

    /// <summary>A date under the axis reads exactly <paramref name="day"/> (waits: the chart redraws once measured).</summary>
    private static Task ExpectTicksAsync(ILocator chart, string day) =>
        Expect(chart.Locator("svg text").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^\\s*{day}\\s*$") })).ToHaveCountAsync(1);

    /// <summary>Whether the first date label (1/6) is drawn to the right of the last one (7/6).</summary>
    private static Task<bool> FirstDayIsRightOfLastAsync(ILocator chart) => chart.EvaluateAsync<bool>("""
        el => {
            const norm = t => t.replace(/[\u0660-\u0669]/g, d => String.fromCharCode(d.charCodeAt(0) - 0x0660 + 48)).trim();
            const labels = Array.from(el.querySelectorAll('svg text')).filter(t => /^[1-7]\/6$/.test(norm(t.textContent)));
            const x = d => labels.find(t => norm(t.textContent) === d).getBoundingClientRect().left;
            return x('1/6') > x('7/6');
        }
        """);

    /// <summary>
    /// The demo shop's week in June 2025 on its first channel: an ad customer (3 messages in on the 2nd, 2 AI replies, an
    /// order of 45,000 + 5,000 delivery on the 3rd) and a story customer (1 message in on the 4th). Returns the channel's platform.
    /// </summary>
    private async Task<string> SeedWeekAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await App.ExecuteAsync("""
            WITH ch AS (SELECT id, platform FROM channel_accounts WHERE merchant_id = @m ORDER BY created_at LIMIT 1),
            k AS (INSERT INTO contacts (merchant_id, channel_account_id, external_id, display_name, first_touch, created_at)
                  SELECT @m, ch.id, 'chart-' || s.source || '-' || @t, 'زبون ' || s.source, jsonb_build_object('source', s.source), '2025-06-02T09:00:00+03:00'
                  FROM ch, (VALUES ('ad'), ('story')) s(source) RETURNING id, channel_account_id, first_touch->>'source' AS source),
            c AS (INSERT INTO conversations (merchant_id, channel_account_id, contact_id, created_at)
                  SELECT @m, channel_account_id, id, '2025-06-02T09:00:00+03:00' FROM k RETURNING id, channel_account_id, contact_id),
            o AS (INSERT INTO orders (merchant_id, contact_id, conversation_id, status, items_total_iqd, delivery_fee_iqd, total_iqd, number, created_at)
                  SELECT @m, c.contact_id, c.id, 'confirmed', 45000, 5000, 50000,
                         (SELECT COALESCE(max(number), 0) + 1 FROM orders WHERE merchant_id = @m), '2025-06-03T12:00:00+03:00'
                  FROM c JOIN k ON k.id = c.contact_id WHERE k.source = 'ad')
            INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, kind, text, external_id, external_timestamp, status)
            SELECT @m, c.id, c.channel_account_id, v.direction, v.author, 'text', 'مرحبا', 'chart-' || @t || '-' || k.source || '-' || v.n, v.at, v.status
            FROM c JOIN k ON k.id = c.contact_id
            JOIN (VALUES ('ad', 1, 'inbound', 'customer', timestamptz '2025-06-02T10:00:00+03:00', 'received'),
                         ('ad', 2, 'inbound', 'customer', timestamptz '2025-06-02T10:01:00+03:00', 'received'),
                         ('ad', 3, 'inbound', 'customer', timestamptz '2025-06-02T10:05:00+03:00', 'received'),
                         ('ad', 4, 'outbound', 'ai', timestamptz '2025-06-02T10:00:20+03:00', 'delivered'),
                         ('ad', 5, 'outbound', 'ai', timestamptz '2025-06-02T10:05:20+03:00', 'delivered'),
                         ('story', 1, 'inbound', 'customer', timestamptz '2025-06-04T18:00:00+03:00', 'received')
                 ) v(source, n, direction, author, at, status) ON v.source = k.source
            """, ("m", App.DemoMerchantId), ("t", tag));
        await using var conn = new Npgsql.NpgsqlConnection(App.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT platform FROM channel_accounts WHERE merchant_id = @m ORDER BY created_at LIMIT 1", conn);
        cmd.Parameters.AddWithValue("m", App.DemoMerchantId);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }
}
