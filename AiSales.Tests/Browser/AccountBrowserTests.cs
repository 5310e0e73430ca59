using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiSales.Tests.Browser;

public sealed class AccountBrowserTests(BrowserAppFixture app) : BrowserTest(app)
{
    [Fact]
    public Task Demo_login_opens_the_dashboard_and_a_wrong_password_shows_an_error() => RunAsync(async page =>
    {
        await page.GotoAsync("/account/login");
        await TestId(page, "login-email").FillAsync(App.DemoEmail);
        await TestId(page, "login-password").FillAsync(App.DemoPassword + "-wrong");
        await TestId(page, "login-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login\\?.*error=failed"));
        await Expect(TestId(page, "login-error")).ToBeVisibleAsync();
        await Expect(TestId(page, "shell")).ToHaveCountAsync(0);

        await LoginAsync(page);
        await Expect(TestId(page, "merchant-name")).Not.ToBeEmptyAsync();
        await Expect(TestId(page, "nav-inbox")).ToBeVisibleAsync();
        await Expect(TestId(page, "login-error")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Arabic_pages_are_rtl_and_english_is_ltr_after_switching_language() => RunAsync(async page =>
    {
        await LoginAsync(page);
        var html = page.Locator("html");
        await Expect(html).ToHaveAttributeAsync("dir", "rtl");
        await Expect(html).ToHaveAttributeAsync("lang", "ar");

        await TestId(page, "nav-inbox").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/inbox$"));
        await TestId(page, "switch-language").ClickAsync();
        await Expect(html).ToHaveAttributeAsync("dir", "ltr");
        await Expect(html).ToHaveAttributeAsync("lang", "en");
        // The switch returns to the page it was pressed on, and the choice sticks for the next page.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/inbox$"));
        await Expect(TestId(page, "nav-inbox")).ToHaveTextAsync("Inbox");
        await page.GotoAsync("/leads");
        await Expect(html).ToHaveAttributeAsync("dir", "ltr");

        await TestId(page, "switch-language").ClickAsync();
        await Expect(html).ToHaveAttributeAsync("dir", "rtl");
    });

    [Fact]
    public Task Sign_out_in_the_sidebar_ends_the_session_and_the_login_offers_remember_me() => RunAsync(async page =>
    {
        await page.GotoAsync("/account/login");
        await Expect(TestId(page, "login-remember")).Not.ToBeCheckedAsync(); // a session cookie unless the merchant asks
        await LoginAsync(page);
        await TestId(page, "nav-inbox").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/inbox$"));

        // The sidebar's form sends the antiforgery token: the endpoint refuses a logout without one.
        await TestId(page, "logout").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await page.GotoAsync("/inbox");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await Expect(TestId(page, "login")).ToBeVisibleAsync();
    });
}
