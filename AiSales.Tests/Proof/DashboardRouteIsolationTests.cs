using System.Net;
using Xunit.Abstractions;

namespace AiSales.Tests.Proof;

/// <summary>
/// Tenant isolation over EVERY dashboard route, enumerated from the running app: signed in as merchant A's owner, each
/// route is probed with merchant B's real ids (route parameters and form fields) and must neither show B's data nor
/// change B's rows. A route with no probe below fails the test by name, and so does a probe whose route is gone.
/// See docs/SECURITY.md (tenant isolation) for what each group promises.
/// </summary>
public sealed partial class DashboardRouteIsolationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly HttpStatusCode[] NotFoundOrForbidden = [HttpStatusCode.NotFound, HttpStatusCode.Forbidden];
    // A form that names an id in a field (not the route) re-renders A's page with a "not found" notice or redirects back.
    private static readonly HttpStatusCode[] HandledWithoutB = [HttpStatusCode.OK, HttpStatusCode.Found, HttpStatusCode.Redirect, HttpStatusCode.SeeOther, .. NotFoundOrForbidden];
    private static readonly HttpStatusCode[] Redirected = [HttpStatusCode.Found, HttpStatusCode.Redirect, HttpStatusCode.SeeOther];

    private RouteIsolationHost _host = null!;
    private HttpClient _a = null!;
    private HttpClient _api = null!;
    private string _token = "";
    private readonly List<string> _failures = [];
    // Checks of what B's later activity must not move: A's value taken just before it (A's own probes are done), compared after.
    private readonly List<Func<Task>> _beforeActivity = [];
    private readonly List<Func<Task>> _afterSnapshot = [];

    // B's rows a probe aims at, and A's own for the sanity checks (a 404 must be isolation, not a broken route).
    private Guid _bConversation, _bContact, _bProduct, _bMetaChannel, _bSandboxChannel, _bOrder;
    private Guid _aConversation, _aContact, _aProduct, _aMetaChannel, _aSandboxChannel, _aOrder;
    private string[] _forbidden = [];

    /// <summary>
    /// A conversation of the merchant with notes, preferring one that holds a customer's comment (the comment-reply probes
    /// need one), in a fixed order: a bare LIMIT 1 returned whichever row the plan met first, which changed with the indexes.
    /// </summary>
    private static string NotedConversation(Guid merchantId) => $"""
        SELECT c.id FROM conversations c WHERE c.merchant_id = '{merchantId}' AND c.notes IS NOT NULL
        ORDER BY EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.kind = 'comment' AND m.direction = 'inbound') DESC,
                 c.created_at, c.id
        LIMIT 1
        """;

    public async Task InitializeAsync()
    {
        _host = await RouteIsolationHost.StartAsync();
        _a = await _host.SignedInAsync();
        _api = await _host.ApiClientForAAsync();
        _token = await RouteIsolationHost.TokenAsync(_a);
        Task<Guid> Id(string sql) => _host.Db.ScalarAsync<Guid>(sql);
        var (a, b) = (RouteIsolationHost.A, RouteIsolationHost.B);
        _bConversation = await Id(NotedConversation(b));
        _bContact = await Id($"SELECT contact_id FROM conversations WHERE id = '{_bConversation}'");
        _bProduct = await Id($"SELECT id FROM products WHERE merchant_id = '{b}' LIMIT 1");
        _bMetaChannel = await Id($"SELECT id FROM channel_accounts WHERE merchant_id = '{b}' AND provider = 'meta'");
        _bSandboxChannel = await Id($"SELECT id FROM channel_accounts WHERE merchant_id = '{b}' AND provider = 'sandbox'");
        _aConversation = await Id(NotedConversation(a));
        _aContact = await Id($"SELECT contact_id FROM conversations WHERE id = '{_aConversation}'");
        _aProduct = await Id($"SELECT id FROM products WHERE merchant_id = '{a}' LIMIT 1");
        _aMetaChannel = await Id($"SELECT id FROM channel_accounts WHERE merchant_id = '{a}' AND provider = 'meta'");
        _aSandboxChannel = await Id($"SELECT id FROM channel_accounts WHERE merchant_id = '{a}' AND provider = 'sandbox'");
        _bOrder = await Id($"SELECT id FROM orders WHERE merchant_id = '{b}'");
        _aOrder = await Id($"SELECT id FROM orders WHERE merchant_id = '{a}'");
        // B's external ids carry no marker of their own, so they are listed with the marker and every id of B.
        var externalIds = (await _host.Db.ScalarAsync<string>(
            $"SELECT string_agg(external_id, ',') FROM (SELECT external_id FROM channel_accounts WHERE merchant_id = '{b}' UNION ALL SELECT external_id FROM contacts WHERE merchant_id = '{b}') x")).Split(',');
        _forbidden = [RouteIsolationHost.Marker, .. _host.IdsOfB, .. externalIds];
    }

    public async Task DisposeAsync()
    {
        _a.Dispose();
        _api.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Every_dashboard_route_keeps_merchant_B_invisible_and_unchanged_for_merchant_A()
    {
        var routes = DashboardRoutes.Enumerate(_host.App.Services);
        var probes = Probes();
        var statics = routes.Where(r => r.IsStaticAsset).ToList();
        var dynamic = routes.Where(r => !r.IsStaticAsset).ToList();
        output.WriteLine($"{routes.Count} routes: {dynamic.Count} dynamic, {statics.Count} static assets");
        foreach (var r in dynamic) output.WriteLine($"  {r.Key}  [{r.DisplayName}]");

        var unclassified = dynamic.Where(r => !probes.ContainsKey(r.Key)).Select(r => $"{r.Key} [{r.DisplayName}]").ToList();
        Assert.True(unclassified.Count == 0, "Routes the isolation matrix does not classify (add a probe in DashboardRouteIsolationTests.Probes):\n" + string.Join("\n", unclassified));
        var stale = probes.Keys.Except(dynamic.Select(r => r.Key)).ToList();
        Assert.True(stale.Count == 0, "Probes for routes the app no longer has:\n" + string.Join("\n", stale));
        Assert.NotEmpty(statics);

        var before = await _host.SnapshotOfBAsync();
        foreach (var route in dynamic) await GuardedAsync(route.Key, () => probes[route.Key](route));
        foreach (var asset in statics) await GuardedAsync(asset.Key, () => StaticAssetAsync(asset, statics));
        var after = await _host.SnapshotOfBAsync();
        foreach (var capture in _beforeActivity) await capture();
        await ActivityOfBAsync();
        foreach (var check in _afterSnapshot) await check();

        Assert.True(_failures.Count == 0, $"{_failures.Count} isolation failures:\n" + string.Join("\n", _failures));
        Assert.Equal(before, after);
    }

    /// <summary>
    /// The control: signed in as B's own owner, the pages A was searched on do show B's marker and ids, so their
    /// absence for A is isolation and not a page that never renders those fields.
    /// </summary>
    [Fact]
    public async Task Merchant_Bs_own_owner_sees_the_data_that_must_stay_hidden_from_A()
    {
        using var b = await _host.SignedInAsync(RouteIsolationHost.OwnerOfBEmail, RouteIsolationHost.OwnerOfBPassword);
        foreach (var (url, expected) in new[]
        {
            ("/inbox", _bConversation.ToString()), ($"/inbox/{_bConversation}", RouteIsolationHost.Marker + "note"),
            ("/leads", _bContact.ToString()), ("/catalog", RouteIsolationHost.Marker + "SKU"), ($"/catalog?edit={_bProduct}", RouteIsolationHost.Marker + "product"),
            ("/channels", RouteIsolationHost.Marker + "last-error"), ("/ai-settings", RouteIsolationHost.Marker + "persona"), ("/", RouteIsolationHost.Marker + "Shop"),
            ($"/simulator?customer={RouteIsolationHost.SimulatorCustomerOfB}", RouteIsolationHost.Marker + "sim-message"),
            ("/team", RouteIsolationHost.StaffPhoneOfB),
            ("/orders", RouteIsolationHost.Marker + "customer"), ($"/orders/{_bOrder}", RouteIsolationHost.Marker + "address"),
            ($"/inbox/{await Sql($"SELECT conversation_id::text FROM orders WHERE id = '{_bOrder}'")}", _bOrder.ToString()),
        })
        {
            var html = await b.GetStringAsync(url);
            Assert.True(html.Contains(expected, StringComparison.Ordinal), $"{url} as B's owner does not show '{expected}'");
        }
        // And a customer of nobody shows none of it (so A not seeing it is the tenant wall, not an empty page).
        Assert.DoesNotContain(RouteIsolationHost.Marker + "sim-message", await b.GetStringAsync("/simulator?customer=79999999999999"));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private void Fail(string message) => _failures.Add(message);

    /// <summary>One probe's exception is a failure of that route, reported with the rest rather than hiding them.</summary>
    private async Task GuardedAsync(string key, Func<Task> probe)
    {
        try { await probe(); }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException) { Fail($"{key}: {e.GetType().Name}: {e.Message}"); }
    }

    private void Expect(string what, HttpResponseMessage response, params HttpStatusCode[] allowed)
    {
        if (!allowed.Contains(response.StatusCode))
            Fail($"{what}: {(int)response.StatusCode}, expected {string.Join("/", allowed.Select(s => (int)s))}");
    }

    /// <summary>No marker, id or external id of B in the body (values the request itself sent are not B's data leaking).</summary>
    private async Task<string> NoBAsync(string what, HttpResponseMessage response, params string[] sent)
    {
        var body = await response.Content.ReadAsStringAsync();
        foreach (var s in _forbidden)
            if (!sent.Any(x => x.Contains(s, StringComparison.OrdinalIgnoreCase)) && body.Contains(s, StringComparison.OrdinalIgnoreCase))
                Fail($"{what}: the response shows B's '{s}'");
        return body;
    }

    private async Task<string> GetAsync(string what, string url, HttpStatusCode[] allowed, HttpClient? client = null)
    {
        using var response = await (client ?? _a).GetAsync(url);
        Expect($"{what} GET {url}", response, allowed);
        return await NoBAsync($"{what} GET {url}", response, url);
    }

    /// <summary>A static-SSR form post as a browser sends it: handler name, antiforgery token, fields.</summary>
    private async Task<(HttpStatusCode Status, string Body)> PostFormAsync(string what, string url, string handler, Dictionary<string, string> fields,
        HttpStatusCode[] allowed, HttpClient? client = null)
    {
        var body = new Dictionary<string, string>(fields) { ["_handler"] = handler, ["__RequestVerificationToken"] = client is null ? _token : await RouteIsolationHost.TokenAsync(client) };
        using var response = await (client ?? _a).PostAsync(url, new FormUrlEncodedContent(body));
        Expect($"{what} POST {url} ({handler})", response, allowed);
        var html = await NoBAsync($"{what} POST {url} ({handler})", response, [url, handler, .. fields.Values]);
        return (response.StatusCode, html);
    }

    /// <summary>Every page: a post naming a form that only B's rows would render (with B's id) is refused, not run.</summary>
    private Task UnknownFormAsync(string url, Guid bId) =>
        PostFormAsync("form of B's row", url, $"disable-{bId}", new() { ["accountId"] = bId.ToString(), ["contactId"] = bId.ToString() },
            [HttpStatusCode.BadRequest, .. NotFoundOrForbidden]);

    private async Task StaticAssetAsync(DashboardRoute asset, IReadOnlyList<DashboardRoute> statics)
    {
        if (asset.TakesParameter) { Fail($"static asset with a parameter: {asset.Key}"); return; }
        // Package assets (Radzen's, and the framework's blazor.web.js) are files from a NuGet package, the same bytes for
        // everyone; the in-process host does not serve them from the package folder, so they are classified by where they
        // come from.
        if (asset.Pattern.StartsWith("/_content/", StringComparison.Ordinal) || asset.Pattern.StartsWith("/_framework/", StringComparison.Ordinal)) return;
        // Precompressed twins (.gz/.br) are built into obj/, not wwwroot/: the uncompressed twin is the one fetched.
        if (Path.GetExtension(asset.Pattern) is ".gz" or ".br")
        {
            if (!statics.Any(s => s.Pattern == asset.Pattern[..^Path.GetExtension(asset.Pattern).Length]))
                Fail($"compressed asset without its original: {asset.Key}");
            return;
        }
        using var response = await _a.GetAsync(asset.Pattern);
        Expect($"static {asset.Pattern}", response, HttpStatusCode.OK);
        await NoBAsync($"static {asset.Pattern}", response);
    }

    private async Task<string> Sql(string sql) => await _host.Db.ScalarAsync<string>(sql);
}
