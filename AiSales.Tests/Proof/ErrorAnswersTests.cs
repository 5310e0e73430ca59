using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AiSales.Tests.Dashboard;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AiSales.Tests.Proof;

/// <summary>
/// Bad requests, each with the answer it must get: problem details naming the
/// field, never the developer exception page, never a header value, and the fixed inputs that used to answer 500.
/// The hosts run as Development, as under the AppHost.
/// </summary>
public sealed class ErrorAnswersTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private WebApplicationFactory<AiSales.Dashboard.Inbox.InboxQueries> Development() =>
        fixture.App.WithWebHostBuilder(b => b.UseEnvironment("Development"));

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Null(HostileInputs.Problem((int)response.StatusCode, body));
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString());
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task Language_switch_with_a_forged_antiforgery_token_is_a_400_problem_without_header_echo()
    {
        await using var app = Development();
        using var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/preferences/language")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["language"] = "en", ["__RequestVerificationToken"] = "forged" }),
        };
        HostileInputs.AddMarkers(request, realCookie: null, keepAuthorization: false);
        await ProblemAsync(await http.SendAsync(request), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Merchant_api_malformed_json_and_wrong_types_name_the_field()
    {
        await using var app = Development();
        using var http = await DashboardAppFactory.ApiClientAsync(app, DashboardAppFactory.DemoMerchantId, "errors");
        // Through the API first: the key's first use stamps its last_used_at, which is not what this test watches.
        var contact = (await http.GetFromJsonAsync<JsonElement>("/api/v1/contacts?pageSize=1")).GetProperty("items")[0].GetProperty("id").GetString();
        var before = await fixture.App.SnapshotOfMerchantAsync(DashboardAppFactory.DemoMerchantId);

        var wrongType = await http.PatchAsync($"/api/v1/contacts/{contact}/lead", new StringContent("{\"stage\": 3}", Encoding.UTF8, "application/json"));
        Assert.True((await ProblemAsync(wrongType, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("stage", out _));
        var malformed = await http.PatchAsync($"/api/v1/contacts/{contact}/lead", new StringContent("{\"stage\": ", Encoding.UTF8, "application/json"));
        await ProblemAsync(malformed, HttpStatusCode.BadRequest);
        var limit = await http.GetAsync("/api/v1/contacts?page=abc");
        Assert.True((await ProblemAsync(limit, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("page", out _));

        Assert.Equal(before, await fixture.App.SnapshotOfMerchantAsync(DashboardAppFactory.DemoMerchantId));
    }

    [Theory]
    [InlineData("/api/v1/contacts")]
    [InlineData("/api/v1/conversations")]
    public async Task Paging_far_past_the_end_is_an_empty_page(string list)
    {
        using var http = await DashboardAppFactory.ApiClientAsync(fixture.App, DashboardAppFactory.DemoMerchantId, "paging");
        var response = await http.GetAsync($"{list}?page=1000000000&pageSize=200");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("to=0001-01-01", "to")]
    [InlineData("from=9999-12-31", "from")]
    [InlineData("from=0001-01-01&to=9999-12-31", "from")]
    public async Task Stats_dates_outside_the_supported_range_are_a_400_naming_the_field(string query, string field)
    {
        using var http = await DashboardAppFactory.ApiClientAsync(fixture.App, DashboardAppFactory.DemoMerchantId, "stats");
        var problem = await ProblemAsync(await http.GetAsync($"/api/v1/stats?{query}"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_reply_with_nul_is_queued_without_it()
    {
        using var http = await DashboardAppFactory.ApiClientAsync(fixture.App, DashboardAppFactory.DemoMerchantId, "reply");
        var conversation = await fixture.App.ScalarAsync<string>(
            $"SELECT id::text FROM conversations WHERE merchant_id = '{DashboardAppFactory.DemoMerchantId}' ORDER BY last_customer_message_at DESC NULLS LAST LIMIT 1");
        var response = await http.PostAsync($"/api/v1/conversations/{conversation}/messages",
            new StringContent("{\"text\":\"hi\\u0000 there\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageId").GetString();
        Assert.Equal("hi there", await fixture.App.ScalarAsync<string>($"SELECT text FROM messages WHERE id = '{id}'"));

        var onlyNul = await http.PostAsync($"/api/v1/conversations/{conversation}/messages",
            new StringContent("{\"text\":\"\\u0000\"}", Encoding.UTF8, "application/json"));
        Assert.True((await ProblemAsync(onlyNul, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("text", out _));
    }

    [Fact]
    public async Task Login_with_an_off_site_return_url_gets_its_cookie_and_lands_on_a_local_page()
    {
        using var browser = fixture.App.Browser();
        var page = await browser.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = DashboardAppFactory.DemoEmail, ["password"] = DashboardAppFactory.DemoPassword,
            ["returnUrl"] = "/\t/evil.example/", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("aisales.auth=", StringComparison.Ordinal));

        // The language switch, anonymous or not, stays on the site too.
        var language = await browser.PostAsync("/preferences/language", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["language"] = "en", ["returnUrl"] = "/\t/evil.example/", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        Assert.True(language.StatusCode != HttpStatusCode.Redirect || language.Headers.Location?.OriginalString == "/", $"{language.StatusCode} {language.Headers.Location}");
    }

    [Theory]
    [InlineData("/inbox?unread=abc&attention=99999999999")]
    [InlineData("/orders?contact=abc&page=abc")]
    public async Task Dashboard_pages_ignore_query_values_that_do_not_parse(string url)
    {
        using var browser = fixture.App.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardAppFactory.LoginAsync(browser, DashboardAppFactory.DemoEmail, DashboardAppFactory.DemoPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Ops_api_binding_failure_without_the_key_is_a_400_naming_the_field_and_echoes_no_header()
    {
        await using var app = Development();
        using var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ops/api/deliveries?limit=abc");
        HostileInputs.AddMarkers(request, realCookie: null, keepAuthorization: false);
        var problem = await ProblemAsync(await http.SendAsync(request), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("limit", out _));
    }
}
