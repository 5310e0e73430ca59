using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiSales.Tests.Browser;

/// <summary>
/// The dashboard's CSP allows everything its own pages load: every page opened in chromium reports no violation
/// (securitypolicyviolation events, collected by a script the test adds, which CSP does not govern).
/// </summary>
public sealed class ContentSecurityPolicyBrowserTests(BrowserAppFixture app) : BrowserTest(app)
{
    private static readonly string[] Pages = ["/", "/inbox", "/leads", "/orders", "/catalog", "/channels", "/ai-settings", "/analytics", "/crm", "/simulator", "/api-keys", "/team"];

    [Fact]
    public Task No_page_violates_the_content_security_policy() => RunAsync(async page =>
    {
        var violations = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add($"{page.Url}: {m.Text}"); };
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));");

        await LoginAsync(page);
        foreach (var path in Pages)
        {
            await page.GotoAsync(path);
            await Expect(TestId(page, "shell")).ToBeVisibleAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            // Analytics draws its Radzen charts once the circuit is up (Radzen.Blazor.js, inline styles on the drawing).
            if (path == "/analytics") await Expect(page.Locator(".rz-chart svg text").First).ToBeVisibleAsync();
        }
        Assert.Empty(violations);
    });
}
