using System.Net;
using AiSales.Dashboard.Localization;

namespace AiSales.Tests.Dashboard;

/// <summary>Disabling a channel asks first, and says so louder for the shop's only active channel.</summary>
public sealed partial class DashboardPagesTests
{
    [Fact]
    public async Task Disabling_a_channel_needs_a_confirmation_and_the_only_active_one_warns_that_nobody_will_be_answered()
    {
        // A shop of its own with one active channel: the demo shop's channels are used by the other tests.
        var merchant = Guid.NewGuid();
        var email = $"one-channel-{merchant:N}@demo.test";
        await Db.ExecuteAsync($"""
            INSERT INTO merchants (id, name, slug) VALUES ('{merchant}', 'One channel shop', 'one-{merchant:N}');
            INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, display_name)
            VALUES ('{merchant}', 'instagram', 'sandbox', '1785' || substr(md5('{merchant}'), 1, 12), '@one');
            """);
        var channel = await Db.ScalarAsync<Guid>($"SELECT id FROM channel_accounts WHERE merchant_id = '{merchant}'");
        await DashboardAppFactory.CreateUserAsync(fixture.App.Services, email, "one-channel-password-1", merchant);
        using var client = await SignedInAsync(email: email, password: "one-channel-password-1");

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/channels"));
        Assert.Contains("data-testid=\"channel-disable-confirm\" data-only-active=\"true\"", page);
        Assert.Contains(UiText.Get("channels.disableOnly", arabic: true), page);
        Assert.Contains("name=\"confirm\" value=\"yes\" required", page);

        // Posted without the confirmation (a replayed or hand-made form): nothing changes, and the page says why.
        var refused = WebUtility.HtmlDecode(await PostFormAsync(client, "/channels", $"disable-{channel}", new() { ["accountId"] = channel.ToString() }));
        Assert.Contains(UiText.Get("channels.disableUnconfirmed", arabic: true), refused);
        Assert.Equal("active", await Db.ScalarAsync<string>($"SELECT status FROM channel_accounts WHERE id = '{channel}'"));

        var done = WebUtility.HtmlDecode(await PostFormAsync(client, "/channels", $"disable-{channel}", new() { ["accountId"] = channel.ToString(), ["confirm"] = "yes" }));
        Assert.Contains(UiText.Get("channels.disabled", arabic: true), done);
        Assert.Equal("disabled", await Db.ScalarAsync<string>($"SELECT status FROM channel_accounts WHERE id = '{channel}'"));
    }
}
