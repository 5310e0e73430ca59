using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiSales.Tests.Dashboard;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Proof;

/// <summary>
/// The bad-input corpus over the Dashboard and the Merchant API: every route the app lists, every input it reads
/// (<see cref="RouteInputs"/>), every <see cref="HostileInputs"/> value, as an anonymous caller and as the signed-in
/// owner (dashboard) or an API key (Merchant API). The host runs as Development, as under the AppHost, where the
/// developer exception page used to answer. Every answer: no 5xx, no stack trace or exception text, no echo of the
/// marker Cookie / Authorization / X-Ops-Key values. A rejected (4xx) request that could write changes nothing of
/// the merchant's rows.
/// </summary>
public sealed partial class DashboardBadInputCorpusTests : IAsyncLifetime
{
    private DashboardAppFactory _seeded = null!;
    private WebApplicationFactory<AiSales.Dashboard.Inbox.InboxQueries> _app = null!;
    private string _ownerCookie = "";
    private string _antiforgeryCookie = "";
    private string _antiforgeryToken = "";
    private string _apiKey = "";
    private Uri _baseAddress = null!;

    public async Task InitializeAsync()
    {
        _seeded = await DashboardAppFactory.StartAsync();
        // Every request re-validates the session and renews its cookie (normally once a minute), so each case also
        // runs the renewal that happens as the response starts.
        _app = _seeded.WithWebHostBuilder(b => b.UseEnvironment("Development")
            .ConfigureServices(s => s.PostConfigure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero)));
        // Over real HTTP (Kestrel on a free port): the in-memory TestServer is not the server merchants reach, and it
        // runs a response's OnStarting callbacks without Kestrel's guarantees (a cookie renewal awaiting Redis there
        // fails the request, where Kestrel sends it).
        _app.UseKestrel(0);
        _app.StartServer();
        _baseAddress = new Uri(_app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());
        using var browser = RawClient();

        // Sign in the way a browser does, keeping the cookies by hand so each request can carry them plus the marker.
        var loginPage = await browser.GetAsync("/account/login");
        var preCookies = Cookies(loginPage);
        var token = AntiforgeryToken().Match(await loginPage.Content.ReadAsStringAsync()).Groups[1].Value;
        using var login = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["email"] = DashboardAppFactory.DemoEmail, ["password"] = DashboardAppFactory.DemoPassword, ["returnUrl"] = "/",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            }),
        };
        login.Headers.TryAddWithoutValidation("Cookie", preCookies);
        var signedIn = await browser.SendAsync(login);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        _ownerCookie = Cookies(signedIn);
        Assert.Contains("aisales.auth=", _ownerCookie);

        // An antiforgery token for the signed-in owner, from a page that renders forms.
        using var inbox = new HttpRequestMessage(HttpMethod.Get, "/inbox");
        inbox.Headers.TryAddWithoutValidation("Cookie", _ownerCookie);
        var inboxPage = await browser.SendAsync(inbox);
        _antiforgeryCookie = Cookies(inboxPage);
        _antiforgeryToken = WebUtility.HtmlDecode(AntiforgeryToken().Match(await inboxPage.Content.ReadAsStringAsync()).Groups[1].Value);
        Assert.NotEmpty(_antiforgeryToken);

        await using var scope = _app.Services.CreateAsyncScope();
        _apiKey = (await scope.ServiceProvider.GetRequiredService<AiSales.Dashboard.ApiKeys.ApiKeyService>()
            .CreateAsync(DashboardAppFactory.DemoMerchantId, "corpus", "test")).Plaintext;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _seeded.DisposeAsync();
    }

    // Redirects and cookies by hand: each request carries exactly the cookies the case gives it.
    private HttpClient RawClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _baseAddress };

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    private enum Caller { Anonymous, Owner, ApiKey }

    private sealed record Case(string Name, Caller Caller, bool Writes, Func<HttpRequestMessage> Build);

    // Sends no hostile input of its own, and signed in it would end the corpus's session.
    private static readonly string[] OwnerSkips = ["POST /account/logout"];

    private List<Case> Corpus(IReadOnlyList<(RouteEndpoint Endpoint, string Method)> routes)
    {
        var cases = new List<Case>();
        foreach (var (endpoint, method) in routes)
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            var inputs = RouteInputs.Of(endpoint);
            var isApi = pattern.StartsWith("/api/v1", StringComparison.Ordinal);
            Caller[] callers = isApi ? [Caller.Anonymous, Caller.ApiKey] : [Caller.Anonymous, Caller.Owner];
            var writes = method is not ("GET" or "HEAD");
            foreach (var caller in callers)
            {
                if (caller == Caller.Owner && OwnerSkips.Contains($"{method} {pattern}")) continue;
                var name = $"{caller} {method} {pattern}";
                // Every input under test in turn, the others benign.
                foreach (var input in inputs)
                {
                    if (input.Source == InputSource.Body)
                    {
                        foreach (var body in HostileInputs.Bodies)
                            cases.Add(new($"{name} body={Show(body)}", caller, writes, () => Build(method, pattern, inputs, caller, null, null, body)));
                        foreach (var property in BodyProperties(input.Type))
                            foreach (var value in HostileInputs.JsonValues)
                                cases.Add(new($"{name} body.{property}={Show(value)}", caller, writes,
                                    () => Build(method, pattern, inputs, caller, null, null, BodyWith(input.Type, property, value))));
                        continue;
                    }
                    // A NUL in the path never reaches the app (Kestrel answers 400; the test server refuses to send it).
                    foreach (var value in HostileInputs.Values.Where(v => input.Source != InputSource.Route || !v.Contains('\0')))
                        cases.Add(new($"{name} {input.Source}:{input.Name}={Show(value)}", caller, writes,
                            () => Build(method, pattern, inputs, caller, input, value, null)));
                }
                if (inputs.Count == 0)
                    cases.Add(new(name, caller, writes, () => Build(method, pattern, inputs, caller, null, null, null)));
                // A form post with a forged anti-forgery token (/preferences/language).
                if (inputs.Any(i => i.Source == InputSource.Form))
                    cases.Add(new($"{name} forged-antiforgery", caller, writes, () => Build(method, pattern, inputs, caller, null, null, null, forgedToken: true)));
            }
        }
        return cases;
    }

    private static string Show(string value) => value.Length > 24 ? $"<{value.Length} chars>" : JsonSerializer.Serialize(value);

    private static IEnumerable<string> BodyProperties(Type type) =>
        type.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!)).Distinct();

    private static string BodyWith(Type type, string property, string json) =>
        "{" + string.Join(",", BodyProperties(type).Select(p => $"\"{p}\":" + (p == property ? json : "\"x\""))) + "}";

    private HttpRequestMessage Build(string method, string pattern, IReadOnlyList<RouteInput> inputs, Caller caller,
        RouteInput? hostile, string? value, string? body, bool forgedToken = false)
    {
        string ValueOf(RouteInput i) => i == hostile ? value! : RouteInputs.Benign(i.Type);
        var path = pattern;
        foreach (var input in inputs.Where(i => i.Source == InputSource.Route))
            path = Regex.Replace(path, @"\{" + input.Name + @"(:[^}]*)?\}", Uri.EscapeDataString(input == hostile ? value! : Guid.NewGuid().ToString()));
        var query = inputs.Where(i => i.Source == InputSource.Query && (i == hostile || i.Type.IsValueType && Nullable.GetUnderlyingType(i.Type) is null))
            .Select(i => $"{Uri.EscapeDataString(i.Name)}={Uri.EscapeDataString(ValueOf(i))}").ToList();
        var request = new HttpRequestMessage(new HttpMethod(method), path + (query.Count > 0 ? "?" + string.Join("&", query) : ""));

        var formInputs = inputs.Where(i => i.Source == InputSource.Form).ToList();
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        else if (formInputs.Count > 0)
        {
            // A Blazor page's fields belong to one form each: post the form the hostile field is in.
            var formName = (hostile ?? formInputs[0]).FormName;
            var fields = formInputs.Where(i => i.FormName == formName).Select(i => new KeyValuePair<string, string>(i.Name, ValueOf(i))).ToList();
            if (formName is not null) fields.Add(new("_handler", formName));
            if (caller == Caller.Owner || forgedToken)
                fields.Add(new("__RequestVerificationToken", forgedToken ? "CfDJ8forged" + new string('A', 40) : _antiforgeryToken));
            request.Content = new FormUrlEncodedContent(fields);
        }

        var cookie = caller == Caller.Owner ? $"{_ownerCookie}; {_antiforgeryCookie}".Trim(' ', ';') : null;
        HostileInputs.AddMarkers(request, cookie, keepAuthorization: caller == Caller.ApiKey);
        if (caller == Caller.ApiKey) request.Headers.Authorization = new("Bearer", _apiKey);
        return request;
    }

    // Every table of the merchant but its API keys: a key's use stamps its last_used_at (at most once a while), whatever the answer.
    private async Task<string> MerchantRowsAsync() =>
        string.Join("\n", (await _seeded.SnapshotOfMerchantAsync(DashboardAppFactory.DemoMerchantId)).Split('\n')
            .Where(table => !table.StartsWith("merchant_api_keys:", StringComparison.Ordinal)));

    private static readonly string[] Skipped = ["/_framework", "/_blazor", "/health", "/alive", "/openapi", "/channels/oauth/start"];

    [Fact]
    public async Task Every_route_and_input_answers_hostile_values_without_5xx_trace_or_echo_and_rejected_writes_change_nothing()
    {
        var routes = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !e.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor"))
            .Where(e => !Skipped.Any(s => ("/" + (e.RoutePattern.RawText ?? "").TrimStart('/')).StartsWith(s, StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (e, m)))
            .DistinctBy(r => $"{r.m} {r.e.RoutePattern.RawText}")
            .ToList();
        var corpus = Corpus(routes);
        Assert.True(corpus.Count > 1000, $"corpus has only {corpus.Count} cases");
        Assert.Contains(corpus, c => c.Name.Contains("/api/v1/stats", StringComparison.Ordinal) && c.Name.Contains("Query:from", StringComparison.Ordinal));
        Assert.Contains(corpus, c => c.Name.Contains("GET /inbox", StringComparison.Ordinal) && c.Name.Contains("Query:unread", StringComparison.Ordinal));
        Assert.Contains(corpus, c => c.Name.Contains("PATCH /api/v1/contacts", StringComparison.Ordinal) && c.Name.Contains("body.stage", StringComparison.Ordinal));

        if (Environment.GetEnvironmentVariable("CORPUS_ONLY") is { } only) corpus = corpus.Where(c => c.Name.Contains(only)).ToList(); // CORPUS_ONLY=<part of a case name> reruns a subset
        using var http = RawClient();
        var failures = new List<string>();
        async Task<(int Status, string Body)> SendAsync(Case c)
        {
            using var request = c.Build();
            try
            {
                using var response = await http.SendAsync(request);
                return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                throw new InvalidOperationException($"{c.Name}: the request failed in the server", e);
            }
        }

        // Reads in parallel; anything that may write one at a time, with the merchant's rows compared around each rejected one.
        foreach (var chunk in corpus.Where(c => !c.Writes).Chunk(8))
            foreach (var (c, (status, body)) in chunk.Zip(await Task.WhenAll(chunk.Select(SendAsync))))
                if (HostileInputs.Problem(status, body) is { } problem) failures.Add($"{c.Name}: {problem}");
        foreach (var c in corpus.Where(c => c.Writes))
        {
            var before = await MerchantRowsAsync();
            var (status, body) = await SendAsync(c);
            if (HostileInputs.Problem(status, body) is { } problem) failures.Add($"{c.Name}: {problem}");
            else if (status >= 400 && await MerchantRowsAsync() != before)
                failures.Add($"{c.Name}: rejected ({status}) but the merchant's rows changed");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {corpus.Count} wrong:\n" + string.Join("\n", failures.Take(60)));
    }
}
