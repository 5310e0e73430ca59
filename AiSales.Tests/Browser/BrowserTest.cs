using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace AiSales.Tests.Browser;

/// <summary>
/// Base of the browser tests: each test gets a fresh context (own cookies), runs inside <see cref="RunAsync"/> so a
/// failure leaves a full-page PNG in TestResults/screenshots/&lt;test&gt;.png, named in the failure message.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserAppFixture app)
{
    // Generous: the app shares 2 cores with other builds; Playwright still returns as soon as the condition holds.
    protected const float Timeout = 20_000;
    protected const float ReplyTimeout = 60_000;

    protected BrowserAppFixture App { get; } = app;

    protected async Task RunAsync(Func<IPage, Task> test, [CallerMemberName] string name = "")
    {
        await using var context = await App.Browser.NewContextAsync(new()
        {
            BaseURL = App.DashboardUrl.ToString().TrimEnd('/'),
            Locale = "ar-IQ",
            ViewportSize = new() { Width = 1280, Height = 860 },
        });
        context.SetDefaultTimeout(Timeout);
        context.SetDefaultNavigationTimeout(Timeout);
        var page = await context.NewPageAsync();
        // The browser's own complaints (a script error, a refused connection, a CSP block) go into a failure message.
        var console = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") lock (console) console.Add($"{m.Type}: {m.Text}"); };
        page.PageError += (_, e) => { lock (console) console.Add($"page error: {e}"); };
        try
        {
            await test(page);
        }
        catch (Exception e)
        {
            var path = await ScreenshotAsync(page, name);
            throw new BrowserTestFailedException(
                $"Screenshot: {path} (at {page.Url})\n{e.Message}\n--- browser console ---\n{string.Join('\n', console.TakeLast(20))}\n--- dashboard log (last lines) ---\n{App.DashboardLogTail()}", e);
        }
    }

    /// <summary>Saves a full-page PNG under TestResults/screenshots beside the test project; returns its path.</summary>
    protected static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotDirectory, $"{name}.png");
        try
        {
            Directory.CreateDirectory(ScreenshotDirectory);
            await page.ScreenshotAsync(new() { Path = path, FullPage = true, Timeout = 10_000 });
            return path;
        }
        catch (PlaywrightException e)
        {
            return $"(no screenshot: {e.Message})";
        }
    }

    protected static string ScreenshotDirectory
    {
        get
        {
            // TestResults of the test project (as `dotnet test` uses), found from the output folder.
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AiSales.Tests.csproj"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
        }
    }

    protected static ILocator TestId(IPage page, string id) => page.GetByTestId(id);

    /// <summary>Operations is for platform admins: the demo user is one while <paramref name="body"/> runs (claims are read at login).</summary>
    protected async Task AsPlatformAdminAsync(Func<Task> body)
    {
        const string Set = "UPDATE users SET is_platform_admin = @v WHERE normalized_email = upper(@e)";
        await App.ExecuteAsync(Set, ("v", true), ("e", App.DemoEmail));
        try { await body(); }
        finally { await App.ExecuteAsync(Set, ("v", false), ("e", App.DemoEmail)); }
    }

    /// <summary>On a phone the navigation (language switch included) is behind the menu button.</summary>
    protected static async Task OpenMenuAsync(IPage page)
    {
        var menu = TestId(page, "menu-toggle");
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await menu.ClickAsync();
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(TestId(page, "nav-panel")).ToBeVisibleAsync();
        await Assertions.Expect(TestId(page, "nav-inbox")).ToBeVisibleAsync();
    }

    protected async Task LoginAsync(IPage page)
    {
        await page.GotoAsync("/account/login");
        await TestId(page, "login-email").FillAsync(App.DemoEmail);
        await TestId(page, "login-password").FillAsync(App.DemoPassword);
        await TestId(page, "login-submit").ClickAsync();
        await Assertions.Expect(TestId(page, "shell")).ToBeVisibleAsync();
    }
}

public sealed class BrowserTestFailedException(string message, Exception inner) : Exception(message, inner);
