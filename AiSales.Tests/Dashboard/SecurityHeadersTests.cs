using System.Net;
using AiSales.Tests.Ingest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Dashboard;

/// <summary>Security headers on every kind of response, and X-Forwarded-Proto believed only from a configured proxy.</summary>
public sealed class SecurityHeadersTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private const string Proxy = "10.20.0.5";
    private const string PeerHeader = "X-Test-Peer";

    [Theory]
    [InlineData("/account/login", HttpStatusCode.OK)]
    [InlineData("/inbox", HttpStatusCode.Redirect)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/contacts", HttpStatusCode.Unauthorized)]
    [InlineData("/app.js", HttpStatusCode.OK)]
    public async Task Dashboard_responses_carry_the_security_headers(string path, HttpStatusCode status)
    {
        using var client = fixture.App.Browser();
        var response = await client.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task Webhooks_responses_carry_the_api_headers()
    {
        await using var webhooks = await WebhooksAppFactory.StartAsync("headers");
        using var client = webhooks.CreateClient();
        var response = await client.GetAsync("/");
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task Forwarded_https_from_the_configured_proxy_makes_the_auth_cookie_secure()
    {
        await using var app = BehindProxy();
        Assert.Contains("secure", await AuthCookieAsync(app, peer: Proxy), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Forwarded_https_from_anyone_else_is_ignored()
    {
        await using var app = BehindProxy();
        Assert.DoesNotContain("secure", await AuthCookieAsync(app, peer: "10.20.0.99"), StringComparison.OrdinalIgnoreCase);
        // No proxy configured at all (the default): nobody is believed, loopback included.
        Assert.DoesNotContain("secure", await AuthCookieAsync(fixture.App, peer: "127.0.0.1"), StringComparison.OrdinalIgnoreCase);
    }

    private WebApplicationFactory<AiSales.Dashboard.Inbox.InboxQueries> BehindProxy() => fixture.App.WithWebHostBuilder(b =>
    {
        b.UseSetting("ForwardedHeaders:KnownProxies:0", Proxy);
        b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new PeerAddressFromHeader()));
    });

    /// <summary>Signs in with every request marked as forwarded over https by <paramref name="peer"/>; the auth cookie's Set-Cookie.</summary>
    private static async Task<string> AuthCookieAsync(WebApplicationFactory<AiSales.Dashboard.Inbox.InboxQueries> app, string peer)
    {
        // Cookies by hand: a Secure antiforgery cookie would not be sent back over the test's http by a CookieContainer.
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add(PeerHeader, peer);
        var page = await client.GetAsync("/account/login");
        var html = await page.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["email"] = DashboardAppFactory.DemoEmail, ["password"] = DashboardAppFactory.DemoPassword, ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        var login = await client.SendAsync(post);
        Assert.True(login.Headers.TryGetValues("Set-Cookie", out var set), $"login set no cookie ({(int)login.StatusCode} {login.Headers.Location})");
        return Assert.Single(set, c => c.StartsWith("aisales.auth=", StringComparison.Ordinal));
    }

    private static string Header(HttpResponseMessage r, string name) =>
        r.Headers.TryGetValues(name, out var v) || r.Content.Headers.TryGetValues(name, out v) ? string.Join(",", v) : "";

    /// <summary>TestServer has no peer address; this gives each request the one the test names, before anything else runs.</summary>
    private sealed class PeerAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[PeerHeader], out var ip)) context.Connection.RemoteIpAddress = ip;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
