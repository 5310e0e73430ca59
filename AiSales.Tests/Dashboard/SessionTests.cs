using System.Net;
using AiSales.Core.Persistence.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Dashboard;

/// <summary>Sessions end on the server: logout, password change, cross-site logout, session vs "remember me" cookies.</summary>
public sealed class SessionTests(LoginTestHost host) : IClassFixture<LoginTestHost>
{
    [Fact]
    public async Task After_logout_a_copy_of_the_cookie_no_longer_opens_the_inbox()
    {
        var (email, password) = await host.NewUserAsync("logout");
        using var browser = host.Client();
        var login = await DashboardAppFactory.LoginAsync(browser, email, password);
        var cookie = AuthCookie(login);
        using var copy = host.Client(cookies: false); // sends exactly the copied cookie, nothing else
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/inbox")).StatusCode); // the copy works while signed in

        var token = await DashboardAppFactory.AntiforgeryTokenAsync(browser, "/inbox");
        var logout = await browser.PostAsync("/account/logout", Form(token));
        Assert.True(DashboardAppFactory.IsRedirectTo(logout, "/account/login"), $"logout: {(int)logout.StatusCode} {logout.Headers.Location}");

        Assert.True(DashboardAppFactory.IsRedirectTo(await copy.GetAsync("/inbox"), "/account/login"), "the copied cookie still opens /inbox");
        Assert.True(DashboardAppFactory.IsRedirectTo(await browser.GetAsync("/inbox"), "/account/login"));
    }

    [Fact]
    public async Task Logout_ends_only_its_own_session()
    {
        var (email, password) = await host.NewUserAsync("two-devices");
        using var laptop = host.Client();
        using var phone = host.Client();
        await DashboardAppFactory.LoginAsync(laptop, email, password);
        await DashboardAppFactory.LoginAsync(phone, email, password);

        await laptop.PostAsync("/account/logout", Form(await DashboardAppFactory.AntiforgeryTokenAsync(laptop, "/inbox")));

        Assert.True(DashboardAppFactory.IsRedirectTo(await laptop.GetAsync("/inbox"), "/account/login"));
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/inbox")).StatusCode);
    }

    [Fact]
    public async Task A_password_change_ends_the_accounts_other_sessions_within_the_validation_interval()
    {
        var (email, password) = await host.NewUserAsync("password-change");
        using var first = host.Client();
        using var second = host.Client();
        await DashboardAppFactory.LoginAsync(first, email, password);
        await DashboardAppFactory.LoginAsync(second, email, password);

        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByEmailAsync(email);
            Assert.True((await users.ChangePasswordAsync(user!, password, "a-new-password-2026")).Succeeded);
        }
        // The stamp is checked once per SecurityStampValidatorOptions.ValidationInterval (one minute): jump past it.
        host.StampClock.Offset += TimeSpan.FromMinutes(2);

        Assert.True(DashboardAppFactory.IsRedirectTo(await first.GetAsync("/inbox"), "/account/login"), "first session survived the password change");
        Assert.True(DashboardAppFactory.IsRedirectTo(await second.GetAsync("/inbox"), "/account/login"), "second session survived the password change");
        using var again = host.Client();
        var login = await DashboardAppFactory.LoginAsync(again, email, "a-new-password-2026");
        Assert.False(DashboardAppFactory.IsRedirectTo(login, "/account/login"));
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/inbox")).StatusCode); // an unchanged stamp passes the check
    }

    [Theory]
    [InlineData(null)]
    [InlineData("CfDJ8-not-a-real-token")]
    public async Task Logout_without_a_valid_antiforgery_token_does_nothing(string? token)
    {
        var (email, password) = await host.NewUserAsync("csrf");
        using var browser = host.Client();
        await DashboardAppFactory.LoginAsync(browser, email, password);

        // What a cross-site page can send: the browser's cookies, but no token of this session.
        var response = await browser.PostAsync("/account/logout", token is null ? new FormUrlEncodedContent([]) : Form(token));
        Assert.True((int)response.StatusCode < 500, $"logout without a token: {(int)response.StatusCode}");
        Assert.False(DashboardAppFactory.IsRedirectTo(response, "/account/login"));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/inbox")).StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_cookie_is_persistent_only_when_the_merchant_asks_to_be_remembered(bool rememberMe)
    {
        var (email, password) = await host.NewUserAsync("remember");
        using var browser = host.Client();
        var login = await DashboardAppFactory.LoginAsync(browser, email, password, rememberMe);
        var setCookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("aisales.auth=", StringComparison.Ordinal));

        var expires = setCookie.Split(';').Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("expires=", StringComparison.OrdinalIgnoreCase));
        if (!rememberMe)
        {
            Assert.Null(expires);
            return;
        }
        Assert.NotNull(expires);
        var until = DateTimeOffset.Parse(expires["expires=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(until - DateTimeOffset.UtcNow, TimeSpan.FromDays(13), TimeSpan.FromDays(14.1));
    }

    private static string AuthCookie(HttpResponseMessage login) =>
        login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("aisales.auth=", StringComparison.Ordinal)).Split(';')[0];

    private static FormUrlEncodedContent Form(string token) => new(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
}
