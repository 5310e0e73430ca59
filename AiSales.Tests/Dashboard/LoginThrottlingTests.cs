using System.Net;
using AiSales.Dashboard.Account;

namespace AiSales.Tests.Dashboard;

/// <summary>
/// Guessing is throttled per account and address and per address; nothing tells a known email from an unknown one; and
/// a guesser cannot keep the owner out (the promise in docs/SECURITY.md: the owner signs in from their own address).
/// </summary>
public sealed class LoginThrottlingTests(LoginTestHost host) : IClassFixture<LoginTestHost>
{
    [Fact]
    public async Task Unknown_email_and_wrong_password_get_the_same_answer_and_the_same_password_check()
    {
        var (email, _) = await host.NewUserAsync("uniform");
        using var client = host.Client("198.51.100.10");

        var before = host.Hasher.Verifications;
        var unknown = await DashboardAppFactory.LoginAsync(client, $"nobody-{Guid.NewGuid():N}@demo.test", "wrong-password-xyz");
        // The hasher runs for an unknown email too: that is what makes both take the same time (figure in docs/SECURITY.md).
        Assert.Equal(before + 1, host.Hasher.Verifications);
        var known = await DashboardAppFactory.LoginAsync(client, email, "wrong-password-xyz");
        Assert.Equal(before + 2, host.Hasher.Verifications);

        Assert.Equal(unknown.StatusCode, known.StatusCode);
        Assert.Equal(unknown.Headers.Location, known.Headers.Location);
        Assert.True(DashboardAppFactory.IsRedirectTo(known, "/account/login?error=failed"), $"got {known.Headers.Location}");
    }

    [Fact]
    public async Task Failures_on_one_account_from_one_address_are_throttled_and_the_owner_still_signs_in_elsewhere()
    {
        var (email, password) = await host.NewUserAsync("hammered");
        var unknownEmail = $"nobody-{Guid.NewGuid():N}@demo.test";
        using var attacker = host.Client("203.0.113.66");
        for (var i = 0; i < new LoginLimitsOptions().FailuresPerAccountAndAddress; i++)
        {
            Assert.True(DashboardAppFactory.IsRedirectTo(await DashboardAppFactory.LoginAsync(attacker, email, $"guess-{i}-password"), "/account/login?error=failed"));
            Assert.True(DashboardAppFactory.IsRedirectTo(await DashboardAppFactory.LoginAsync(attacker, unknownEmail, $"guess-{i}-password"), "/account/login?error=failed"));
        }

        // Throttled now, known and unknown alike, even with the right password (a guess that happens to be right
        // must not get through the throttle either).
        var known = await DashboardAppFactory.LoginAsync(attacker, email, password);
        var unknown = await DashboardAppFactory.LoginAsync(attacker, unknownEmail, "guess-x-password");
        Assert.True(DashboardAppFactory.IsRedirectTo(known, LoginThrottling.ThrottledRedirect), $"got {(int)known.StatusCode} {known.Headers.Location}");
        Assert.Equal(known.Headers.Location, unknown.Headers.Location);
        Assert.True(DashboardAppFactory.IsRedirectTo(await attacker.GetAsync("/inbox"), "/account/login"));
        var page = await attacker.GetStringAsync(LoginThrottling.ThrottledRedirect);
        Assert.Contains("data-testid=\"login-throttled\"", page);

        // The owner, from their own address, is not locked out; and the account has no Identity lockout recorded.
        using var owner = host.Client("192.0.2.200");
        var login = await DashboardAppFactory.LoginAsync(owner, email, password);
        Assert.False(DashboardAppFactory.IsRedirectTo(login, "/account/login"), $"owner: {login.Headers.Location}");
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/inbox")).StatusCode);
    }

    [Fact]
    public async Task One_address_trying_many_accounts_is_throttled()
    {
        using var sprayer = host.Client("203.0.113.99");
        HttpResponseMessage? last = null;
        for (var i = 0; i <= new LoginLimitsOptions().AttemptsPerAddress; i++)
            last = await DashboardAppFactory.LoginAsync(sprayer, $"victim-{i}@demo.test", "spray-password-2026");
        Assert.True(DashboardAppFactory.IsRedirectTo(last!, LoginThrottling.ThrottledRedirect), $"got {(int)last!.StatusCode} {last.Headers.Location}");

        // Another address is not affected.
        using var other = host.Client("192.0.2.201");
        Assert.True(DashboardAppFactory.IsRedirectTo(await DashboardAppFactory.LoginAsync(other, "victim-0@demo.test", "spray-password-2026"), "/account/login?error=failed"));
    }
}
