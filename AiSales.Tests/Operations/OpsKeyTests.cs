using System.Net;
using AiSales.Tests.Dashboard;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AiSales.Tests.Operations;

public sealed class OpsKeyTests(OpsApiFixture fixture) : IClassFixture<OpsApiFixture>
{
    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "/ops/api/queue/stats" },
        { "GET", "/ops/api/queue/health" },
        { "GET", "/ops/api/queue/dead-letters?limit=5" },
        { "POST", $"/ops/api/queue/dead-letters/{Guid.NewGuid()}/retry" },
        { "DELETE", $"/ops/api/queue/dead-letters/{Guid.NewGuid()}" },
        { "POST", "/ops/api/queue/retry-failed" },
        { "POST", "/ops/api/queue/cleanup" },
        { "GET", "/ops/api/deliveries?limit=5" },
        { "POST", $"/ops/api/deliveries/{long.MaxValue}/replay" },
        { "GET", "/ops/api/config/validate" },
        { "GET", "/ops/api/status" },
        { "GET", "/ops/api/unroutable?limit=5" },
        { "POST", $"/ops/api/unroutable/{Guid.NewGuid()}/resolve" },
        { "POST", "/ops/api/tokens/reencrypt" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_ops_route_is_401_without_the_key_or_with_a_wrong_one(string method, string path)
    {
        using var http = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var none = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var wrong = new HttpRequestMessage(new HttpMethod(method), path);
        wrong.Headers.Add("X-Ops-Key", DashboardAppFactory.OpsKey + "x");
        using var wrongAnswer = await http.SendAsync(wrong);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongAnswer.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task With_the_key_no_route_is_401_or_500(string method, string path)
    {
        using var http = fixture.Client();
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True((int)response.StatusCode < 500 || response.StatusCode == HttpStatusCode.ServiceUnavailable,
            $"{method} {path} answered {(int)response.StatusCode}");
    }

    [Fact]
    public async Task A_platform_admins_login_cookie_opens_nothing_without_the_key()
    {
        const string email = "ops-key-admin@demo.test", password = "ops-key-admin-password-1";
        await DashboardAppFactory.CreateUserAsync(fixture.App.Services, email, password, DashboardAppFactory.DemoMerchantId, platformAdmin: true);
        using var browser = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.True(DashboardAppFactory.IsRedirectTo(await DashboardAppFactory.LoginAsync(browser, email, password), "/"));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/ops")).StatusCode); // the page is the admin's

        using var api = await browser.GetAsync("/ops/api/queue/stats");

        // Without the key the admin is refused like any script: a problem 401, not a redirect to the login page or HTML.
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Bodiless_errors_under_the_api_are_problem_json_not_the_dashboards_html_page()
    {
        using var http = fixture.Client();

        using var unknownPath = await http.GetAsync("/ops/api/no-such-thing");
        using var noDelivery = await http.PostAsync($"/ops/api/deliveries/{long.MaxValue}/replay", null);

        Assert.Equal(HttpStatusCode.NotFound, unknownPath.StatusCode);
        Assert.Equal("application/problem+json", unknownPath.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, noDelivery.StatusCode);
        Assert.Equal("application/problem+json", noDelivery.Content.Headers.ContentType?.MediaType);
    }
}
