using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiSales.Tests.Browser;

/// <summary>
/// Issue #21, the page states added after PhoneLayoutBrowserTests: the "not allowed" page (a merchant owner opening
/// Operations), the Channels page with its disable confirmation open, and the interactive inbox once it is live — at
/// 390×844 and 1280×800, Arabic and English. None may scroll sideways; each has one h1 and the skip link. Saves
/// state-&lt;lang&gt;-&lt;width&gt;-&lt;state&gt;.png under TestResults/screenshots.
/// </summary>
public sealed class PageStatesBrowserTests(BrowserAppFixture app) : BrowserTest(app)
{
    // One login for all four screens: the browser suite shares one address, and logins from it are throttled (30 in 5 min).
    [Fact]
    public Task New_states_fit_the_screen() => RunAsync(async page =>
    {
        await LoginAsync(page);
        foreach (var (width, height, language) in new[] { (390, 844, "ar"), (1280, 800, "ar"), (1280, 800, "en"), (390, 844, "en") })
        {
            await page.SetViewportSizeAsync(width, height);
            var arabic = language == "ar";
            if (!arabic && await page.Locator("html[dir=rtl]").CountAsync() == 1)
            {
                await page.GotoAsync("/");
                await TestId(page, "switch-language").ClickAsync();
                await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
            }

            // A merchant owner on the operators' page: "not allowed" in the merchant's words, not "not found".
            var refused = await page.GotoAsync("/ops");
            Assert.Equal(403, refused!.Status);
            await Expect(TestId(page, "forbidden")).ToContainTextAsync(AiSales.Dashboard.Localization.UiText.Get("forbidden", arabic));
            await FitsAsync(page, width, language, "forbidden");

            // Disabling a channel asks first; opened, the confirmation still fits.
            await page.GotoAsync("/channels");
            var confirm = TestId(page, "channel-disable-confirm").First;
            await confirm.Locator("summary").ClickAsync();
            await Expect(confirm.Locator("[data-testid=channel-disable-submit]")).ToBeVisibleAsync();
            await Expect(confirm.Locator("[data-testid=channel-disable-warning]")).ToBeVisibleAsync();
            await FitsAsync(page, width, language, "channel-disable");

            // The interactive inbox, connected.
            await page.GotoAsync("/inbox");
            await InboxBrowserTests.WaitLiveAsync(page);
            await FitsAsync(page, width, language, "inbox-live");

            await page.GotoAsync("/leads");
            await FitsAsync(page, width, language, "leads");
        }
    });

    private static async Task FitsAsync(IPage page, int width, string language, string state)
    {
        var where = $"{state} at {width} px, {language}";
        await Expect(page.Locator("h1")).ToHaveCountAsync(1);
        await Expect(TestId(page, "skip-link")).ToHaveAttributeAsync("href", new Regex("#main$"));
        await Expect(page.Locator("main#main")).ToHaveCountAsync(1);
        var scroll = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var inner = await page.EvaluateAsync<int>("() => window.innerWidth");
        Assert.True(scroll <= inner, $"{where}: the page is {scroll} px wide on a {inner} px screen");
        await ScreenshotAsync(page, $"state-{language}-{width}-{state}");
    }
}
