using System.Net;
using AiSales.Dashboard.Localization;

namespace AiSales.Tests.Dashboard;

/// <summary>A new shop's empty inbox, analytics and orders point to the Simulator and to connecting a channel.</summary>
public sealed partial class DashboardPagesTests
{
    [Fact]
    public async Task A_new_shops_empty_pages_point_to_the_simulator_and_to_connecting_a_channel_in_both_languages()
    {
        var merchant = Guid.NewGuid();
        var email = $"new-shop-{merchant:N}@demo.test";
        await Db.ExecuteAsync($"INSERT INTO merchants (id, name, slug) VALUES ('{merchant}', 'New shop', 'new-{merchant:N}')");
        await DashboardAppFactory.CreateUserAsync(fixture.App.Services, email, "new-shop-password-1", merchant);
        using var client = await SignedInAsync(email: email, password: "new-shop-password-1");

        foreach (var arabic in new[] { true, false })
        {
            if (!arabic) await SwitchToEnglishAsync(client);
            foreach (var (path, page) in new[] { ("/inbox", "inbox"), ("/analytics", "analytics"), ("/orders", "orders") })
            {
                var html = WebUtility.HtmlDecode(await client.GetStringAsync(path));
                Assert.Contains($"data-testid=\"first-run-guide\" data-page=\"{page}\"", html);
                Assert.Contains(UiText.Get($"guide.{page}", arabic), html);
                Assert.Contains("href=\"/simulator\" data-testid=\"guide-simulator\"", html);
                Assert.Contains("href=\"/channels\" data-testid=\"guide-channels\"", html);
                Assert.Contains(UiText.Get("guide.simulator", arabic), html);
            }
        }

        // A filter that finds nothing is not a first run: the plain "nothing matches" stays.
        var filtered = await client.GetStringAsync("/inbox?owner=human");
        Assert.DoesNotContain("first-run-guide", filtered);
    }
}
