using AiSales.Tests.Dashboard;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiSales.Tests.Browser;

/// <summary>
/// The Team page and the sales figures on Analytics, in Arabic at phone and desktop width: the owner links an agent's
/// WhatsApp number, a wrong code is refused, the right one (read from the queued code message) links it, then it is
/// unlinked after the confirmation. Saves team-ar-&lt;width&gt;-*.png and analytics-sales-ar-&lt;width&gt;.png.
/// </summary>
public sealed class TeamBrowserTests(BrowserAppFixture app) : BrowserTest(app)
{
    [Theory]
    [InlineData(390, 844)]
    [InlineData(1280, 800)]
    public Task Owner_links_verifies_and_unlinks_a_team_number_in_Arabic(int width, int height) => RunAsync(async page =>
    {
        var suffix = Random.Shared.Next(1000, 9999).ToString();
        var (agentId, agentName) = (Guid.NewGuid(), $"علي الموظف {suffix}");
        await App.ExecuteAsync("""
            INSERT INTO users (id, user_name, normalized_user_name, email, normalized_email, display_name)
            VALUES (@id, @email, upper(@email), @email, upper(@email), @name);
            INSERT INTO merchant_members (merchant_id, user_id, role) VALUES (@m, @id, 'agent');
            """, ("id", agentId), ("email", $"agent{suffix}@team-browser.test"), ("name", agentName), ("m", App.DemoMerchantId));

        await page.SetViewportSizeAsync(width, height);
        await LoginAsync(page);

        // Without a WhatsApp number there is nothing to link through: the page says so and points to Channels.
        var hasWhatsApp = await App.ScalarAsync<long>("SELECT count(*) FROM channel_accounts WHERE merchant_id = @m AND platform = 'whatsapp'", ("m", App.DemoMerchantId)) > 0;
        if (!hasWhatsApp)
        {
            await page.GotoAsync("/team");
            await Expect(TestId(page, "team-no-whatsapp")).ToBeVisibleAsync();
            await Expect(TestId(page, "team-go-channels")).ToHaveAttributeAsync("href", "/channels");
            await ScreenshotAsync(page, $"team-ar-{width}-no-whatsapp");
            await App.ExecuteAsync("""
                INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, display_name)
                VALUES (@m, 'whatsapp', 'sandbox', 'wa-team-browser', '+964 780 000 0042')
                """, ("m", App.DemoMerchantId));
        }

        await page.GotoAsync("/team");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.Locator("h1")).ToHaveTextAsync("أرقام الفريق على الواتساب");
        await FitsAsync(page, "team");
        Assert.True(await ReadsLeftToRightAsync(page.Locator("#team-phone-hint")), "the example number in the hint is reordered by the RTL text");

        var phone = $"0770 {suffix[..3]} {suffix}";
        var digits = $"964770{suffix[..3]}{suffix}";
        await TestId(page, "team-link-member").SelectOptionAsync(agentId.ToString());
        await TestId(page, "team-link-phone").FillAsync(phone);
        await TestId(page, "team-link-submit").ClickAsync();
        await Expect(TestId(page, "team-notice")).ToHaveAttributeAsync("data-outcome", "started");
        var row = page.Locator($"[data-testid=staff-phone][data-phone='{digits}']");
        await Expect(row).ToHaveAttributeAsync("data-state", "waiting");
        Assert.True(await ReadsLeftToRightAsync(row.Locator(".staff-phone-number")), "the linked number is reordered by the RTL text");
        await FitsAsync(page, "team with a waiting number");
        await ScreenshotAsync(page, $"team-ar-{width}-waiting");

        var code = await App.ScalarAsync<string>("""
            SELECT substring(m.text from '[0-9]{6}') FROM staff_messages m JOIN staff_phones p ON p.id = m.staff_phone_id
            WHERE p.phone = @phone AND p.merchant_id = @m ORDER BY m.created_at DESC LIMIT 1
            """, ("phone", digits), ("m", App.DemoMerchantId));
        var wrong = ((int.Parse(code) + 1) % 1_000_000).ToString("D6");
        await row.GetByTestId("staff-phone-code").FillAsync(wrong);
        await row.GetByTestId("staff-phone-verify").ClickAsync();
        await Expect(TestId(page, "team-notice")).ToHaveAttributeAsync("data-outcome", "wrong_code");
        await Expect(TestId(page, "team-notice")).ToContainTextAsync("الرمز غلط");
        await ScreenshotAsync(page, $"team-ar-{width}-wrong-code");

        await row.GetByTestId("staff-phone-code").FillAsync(code);
        await row.GetByTestId("staff-phone-verify").ClickAsync();
        await Expect(TestId(page, "team-notice")).ToHaveAttributeAsync("data-outcome", "verified");
        await Expect(row).ToHaveAttributeAsync("data-state", "verified");
        await ScreenshotAsync(page, $"team-ar-{width}-verified");

        await row.GetByTestId("staff-phone-unlink-open").ClickAsync();
        await Expect(row.GetByTestId("staff-phone-unlink")).ToBeVisibleAsync();
        await FitsAsync(page, "team with the unlink confirmation open");
        await ScreenshotAsync(page, $"team-ar-{width}-unlink-confirm");
        await row.GetByTestId("staff-phone-unlink").ClickAsync();
        await Expect(TestId(page, "team-notice")).ToHaveAttributeAsync("data-outcome", "unlinked");
        await Expect(page.Locator($"[data-testid=staff-phone][data-phone='{digits}']")).ToHaveCountAsync(0);
    });

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1280, 800)]
    public Task Analytics_shows_orders_sales_and_governorates_in_Arabic(int width, int height) => RunAsync(async page =>
    {
        await SampleOrders.OrderAsync(App.ConnectionString, App.DemoMerchantId, "confirmed", [new(null, "عباية سوداء", 2, 45000)], governorate: "Baghdad", city: "الكرادة");
        await SampleOrders.OrderAsync(App.ConnectionString, App.DemoMerchantId, "delivered", [new(null, "شال حرير", 1, 15000)], governorate: "Basra");
        await SampleOrders.OrderAsync(App.ConnectionString, App.DemoMerchantId, "cancelled", [new(null, "شال حرير", 1, 15000)], governorate: "Najaf");

        await page.SetViewportSizeAsync(width, height);
        await LoginAsync(page);
        await page.GotoAsync("/analytics");
        await Expect(TestId(page, "analytics-sales")).ToBeVisibleAsync();
        Assert.True(int.Parse(await TestId(page, "an-orders").GetAttributeAsync("data-value") ?? "0") >= 2);
        Assert.True(int.Parse(await TestId(page, "an-cancelled").GetAttributeAsync("data-value") ?? "0") >= 1);
        await Expect(page.Locator("[data-testid=governorate-row][data-governorate=Baghdad]")).ToContainTextAsync("بغداد");
        await FitsAsync(page, "analytics");
        await ScreenshotAsync(page, $"analytics-sales-ar-{width}");
    });

    /// <summary>
    /// An international number shown inside Arabic text keeps its order: its "+" is left of its last digit on screen
    /// (an RTL paragraph without an isolate draws "+964 770 123 4567" as "4567 123 770 964+").
    /// </summary>
    private static Task<bool> ReadsLeftToRightAsync(ILocator element) => element.EvaluateAsync<bool>("""
        el => {
            const node = Array.from(el.childNodes).find(n => n.nodeType === Node.TEXT_NODE && n.textContent.includes('+'));
            const text = node.textContent, plus = text.indexOf('+');
            let last = text.length - 1;
            while (last > plus && !/[0-9\u0660-\u0669]/.test(text[last])) last--;
            const x = i => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1); return r.getBoundingClientRect().left; };
            return last > plus && x(plus) < x(last);
        }
        """);

    /// <summary>One h1, nothing wider than the screen, a name on every visible field (as PhoneLayoutBrowserTests asks).</summary>
    private static async Task FitsAsync(IPage page, string where)
    {
        await Expect(page.Locator("h1")).ToHaveCountAsync(1);
        var scroll = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var inner = await page.EvaluateAsync<int>("() => window.innerWidth");
        Assert.True(scroll <= inner, $"{where}: the page is {scroll} px wide on a {inner} px screen");
        var unnamed = await page.EvaluateAsync<string[]>("""
            () => Array.from(document.querySelectorAll('input, textarea, select'))
                .filter(el => el.type !== 'hidden' && el.checkVisibility())
                .filter(el => !(el.getAttribute('aria-label') || '').trim() && !Array.from(el.labels || []).some(l => l.textContent.trim()))
                .map(el => el.getAttribute('data-testid') || el.name)
            """);
        Assert.True(unnamed.Length == 0, $"{where}: fields without an accessible name: {string.Join(", ", unnamed)}");
    }
}
