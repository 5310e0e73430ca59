using System.Net;
using System.Net.Http.Json;

namespace AiSales.Tests.Proof;

/// <summary>The probes of the operations page, the account routes, the framework's own routes and the Merchant API.</summary>
public sealed partial class DashboardRouteIsolationTests
{
    private async Task OpsGetAsync(DashboardRoute _)
    {
        using var response = await _a.GetAsync("/ops");
        if (response.StatusCode != HttpStatusCode.Forbidden) await OpsRefusedAsync(response.StatusCode, response);
        await NoBAsync("ops as owner", response);
        // A platform admin gets the page (queues and deliveries of every merchant: cross-tenant by design).
        using var admin = await _host.SignedInAsync(RouteIsolationHost.AdminEmail, RouteIsolationHost.AdminPassword);
        using var asAdmin = await admin.GetAsync("/ops");
        Expect("ops as platform admin", asAdmin, HttpStatusCode.OK);
    }

    /// <summary>A refused owner is sent away (access denied → the "not allowed" page) and never sees the ops page.</summary>
    private Task OpsRefusedAsync(HttpStatusCode status, HttpResponseMessage? response = null)
    {
        if (!Redirected.Contains(status)) Fail($"ops as owner: {(int)status}, expected 403 or a redirect");
        else if (response?.Headers.Location is { } l && l.OriginalString.Contains("/ops", StringComparison.Ordinal) && !l.OriginalString.Contains("ReturnUrl", StringComparison.OrdinalIgnoreCase))
            Fail($"ops as owner: redirected to {l}");
        return Task.CompletedTask;
    }

    /// <summary>The operator API with A's login cookie and no key: refused before anything is read or changed.</summary>
    private async Task OpsApiAsync(DashboardRoute r)
    {
        var url = !r.TakesParameter ? r.Pattern : DashboardRoutes.Fill(r.Pattern, r.Pattern.Contains(":long}") ? 1 : _bConversation);
        using var response = await _a.SendAsync(new HttpRequestMessage(new HttpMethod(r.Method), url));
        Expect($"ops api {r.Key} as owner", response, HttpStatusCode.Unauthorized);
        await NoBAsync($"ops api {r.Key} as owner", response, url);
    }

    // ---- session ------------------------------------------------------------------------------------------------

    private async Task LoginPostAsync(DashboardRoute _)
    {
        using var fresh = _host.App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        using var response = await Dashboard.DashboardAppFactory.LoginAsync(fresh, "nobody@other-shop.test", "not-a-password-123");
        Expect("login as a stranger", response, Redirected);
        await NoBAsync("login as a stranger", response);
    }

    private async Task LogoutAsync(DashboardRoute _)
    {
        using var session = await _host.SignedInAsync();
        await PostFormAsync("logout", "/account/logout", "", [], Redirected, session);
        using var after = await session.GetAsync("/inbox");
        if (!Dashboard.DashboardAppFactory.IsRedirectTo(after, "/account/login")) Fail($"logout: /inbox still answers {(int)after.StatusCode}");
    }

    private async Task SwitchMerchantAsync(DashboardRoute _)
    {
        using var session = await _host.SignedInAsync();
        await PostFormAsync("switch to B", "/account/switch-merchant", "", new() { ["merchantId"] = RouteIsolationHost.B.ToString() }, Redirected, session);
        // Not a member of B: the cookie keeps A, so every page still shows A and nothing of B.
        foreach (var page in new[] { "/", "/inbox", "/leads", "/catalog", "/channels", "/ai-settings" })
            await GetAsync("after switching to B", page, [HttpStatusCode.OK], session);
        await GetAsync("after switching to B", $"/inbox/{_bConversation}", NotFoundOrForbidden, session);
    }

    private async Task FrameworkAsync(HttpMethod method, string url)
    {
        using var response = await _a.SendAsync(new HttpRequestMessage(method, url));
        if ((int)response.StatusCode >= 500) Fail($"{method} {url}: {(int)response.StatusCode}");
        await NoBAsync($"{method} {url}", response, url);
    }

    // ---- Merchant API -------------------------------------------------------------------------------------------

    private async Task ApiListAsync(DashboardRoute r, Guid? own)
    {
        var url = r.Pattern + (r.Pattern.EndsWith("stats") ? "" : "?pageSize=200");
        var body = await GetAsync("api list", url, [HttpStatusCode.OK], _api);
        if (own is { } id && !body.Contains(id.ToString())) Fail($"{url}: A's own {id} is missing");
        using var withCookie = await _a.GetAsync(url);
        Expect($"{url} with the dashboard cookie", withCookie, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden);
    }

    private async Task ApiByIdAsync(DashboardRoute r, HttpMethod method, Guid ofB, Guid? ofA, object? json)
    {
        foreach (var (label, id) in new[] { ("B's", ofB), ("unknown", Guid.NewGuid()) })
        {
            var url = DashboardRoutes.Fill(r.Pattern, id);
            using var request = new HttpRequestMessage(method, url) { Content = json is null ? null : JsonContent.Create(json) };
            using var response = await _api.SendAsync(request);
            Expect($"api {method} {label} {r.Pattern}", response, HttpStatusCode.NotFound);
            await NoBAsync($"api {method} {label} {r.Pattern}", response, url);
        }
        if (ofA is { } a)
        {
            using var own = await _api.GetAsync(DashboardRoutes.Fill(r.Pattern, a));
            Expect($"api {method} A's own {r.Pattern}", own, HttpStatusCode.OK);
        }
    }
}
