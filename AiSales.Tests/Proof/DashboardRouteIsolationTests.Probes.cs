using System.Net;
using System.Net.Http.Json;
using RouteProbe = System.Func<AiSales.Tests.Proof.DashboardRoute, System.Threading.Tasks.Task>;

namespace AiSales.Tests.Proof;

/// <summary>The classification: one probe per (method, pattern) the Dashboard serves. A new route needs a line here.</summary>
public sealed partial class DashboardRouteIsolationTests
{
    private Dictionary<string, RouteProbe> Probes() => new()
    {
        // ---- merchant pages without an id: B's data never appears; their forms, aimed at B's ids, change nothing of B ----
        ["GET /"] = _ => GetAsync("home", "/", [HttpStatusCode.OK]),
        ["POST /"] = _ => UnknownFormAsync("/", _bContact),
        ["GET /inbox"] = InboxListAsync,
        ["POST /inbox"] = _ => UnknownFormAsync("/inbox", _bConversation),
        ["GET /leads"] = _ => GetAsync("leads", "/leads", [HttpStatusCode.OK]),
        ["POST /leads"] = LeadsMoveAsync,
        ["GET /catalog"] = CatalogGetAsync,
        ["POST /catalog"] = CatalogPostAsync,
        // Product photos (docs/media.md): B's photo is not found for A, even by its product id.
        ["GET /catalog/photos/{productId:guid}"] = async _ =>
        {
            var bPhoto = await _host.Db.ScalarAsync<Guid>($"SELECT product_id FROM product_photos WHERE merchant_id = '{RouteIsolationHost.B}' LIMIT 1");
            await GetAsync("product photo of B's product", $"/catalog/photos/{bPhoto}", [HttpStatusCode.NotFound]);
            await GetAsync("product photo of A's product without one", $"/catalog/photos/{_aProduct}", [HttpStatusCode.NotFound]);
        },
        ["GET /channels"] = _ => GetAsync("channels", "/channels", [HttpStatusCode.OK]),
        ["POST /channels"] = ChannelsPostAsync,
        ["GET /channels/oauth/callback"] = _ => GetAsync("oauth callback", "/channels/oauth/callback?code=abc&state=forged", [HttpStatusCode.OK]),
        ["POST /channels/oauth/callback"] = async _ =>
        {
            await PostFormAsync("oauth pick", "/channels/oauth/callback", "pick", new() { ["choice"] = "not-a-sealed-choice" }, [HttpStatusCode.OK]);
            await UnknownFormAsync("/channels/oauth/callback", _bMetaChannel);
        },
        ["GET /channels/oauth/start"] = _ => GetAsync("oauth start", "/channels/oauth/start", Redirected),
        ["GET /channels/{Id:guid}/health"] = ChannelHealthGetAsync,
        // A WhatsApp number's shop settings (docs/catalog-sync.md): B's number is a 404 before Meta is asked anything.
        ["GET /channels/{Id:guid}/commerce"] = CommerceSettingsGetAsync,
        ["POST /channels/{Id:guid}/commerce"] = r => PostFormAsync("B's number shop settings", DashboardRoutes.Fill(r.Pattern, _bMetaChannel), "commerce",
            new() { ["cart"] = "true", ["catalog"] = "true" }, NotFoundOrForbidden),
        // The Meta catalog (owners): A's connection only; a save naming B's WhatsApp number as the token source is refused.
        ["GET /catalog/meta"] = _ => GetAsync("meta catalog", "/catalog/meta", [HttpStatusCode.OK]),
        ["POST /catalog/meta"] = MetaCatalogPostAsync,
        ["POST /channels/{Id:guid}/health"] = r => UnknownFormAsync(DashboardRoutes.Fill(r.Pattern, _bMetaChannel), _bMetaChannel),
        ["GET /ai-settings"] = _ => GetAsync("ai settings", "/ai-settings", [HttpStatusCode.OK]),
        ["POST /ai-settings"] = AiSettingsPostAsync,
        // The signed-in user owns A: A's keys only; a revoke form aimed at another id is no form of this page.
        ["GET /api-keys"] = _ => GetAsync("api keys", "/api-keys", [HttpStatusCode.OK]),
        ["POST /api-keys"] = _ => UnknownFormAsync("/api-keys", _bContact),
        // Odoo: A's connection and sync rows only; a retry form aimed at another id is no form of this page.
        ["GET /integrations"] = _ => GetAsync("integrations", "/integrations", [HttpStatusCode.OK]),
        ["POST /integrations"] = _ => UnknownFormAsync("/integrations", _bContact),
        // WhatsApp templates (docs/templates.md): A's numbers only; a refresh or choice aimed at B's number is no form of this page.
        ["GET /templates"] = _ => GetAsync("templates", "/templates", [HttpStatusCode.OK]),
        ["POST /templates"] = async _ =>
        {
            await UnknownFormAsync("/templates", _bMetaChannel);
            await PostFormAsync("templates refresh of B's number", "/templates", $"tpl-refresh-{_bMetaChannel}", new(),
                [HttpStatusCode.BadRequest, .. NotFoundOrForbidden]);
        },
        // Lead ads (docs/lead-ads.md): A's submissions only, also when the page is asked for B's contact; "read again" aimed at
        // an id of B's is no read of A's (the action checks the merchant in its statement), and B's rows stay unchanged.
        ["GET /lead-ads"] = async _ =>
        {
            await GetAsync("lead ads", "/lead-ads", [HttpStatusCode.OK]);
            await GetAsync("lead ads of B's contact", $"/lead-ads?contact={_bContact}", [HttpStatusCode.OK]);
        },
        ["POST /lead-ads"] = async _ =>
        {
            await UnknownFormAsync("/lead-ads", _bContact);
            await PostFormAsync("lead ads read again of B's id", "/lead-ads", "retry", new() { ["submissionId"] = _bContact.ToString() },
                [HttpStatusCode.OK, HttpStatusCode.Redirect, HttpStatusCode.Found, HttpStatusCode.SeeOther]);
        },
        ["GET /analytics"] = async _ =>
        {
            await GetAsync("analytics", "/analytics?from=2020-01-01&to=2030-01-01", [HttpStatusCode.OK]);
            await NumbersAsync("home/analytics/stats");
        },
        ["POST /analytics"] = _ => UnknownFormAsync("/analytics", _bConversation),
        // Campaign results (docs/campaigns.md): per-account forms are named by the account, so B's are unknown forms here.
        ["GET /crm"] = _ => GetAsync("crm", "/crm?from=2020-01-01&to=2030-01-01", [HttpStatusCode.OK]),
        ["POST /crm"] = _ => UnknownFormAsync("/crm", _bConversation),
        // Conversions API (docs/conversions.md): A's accounts and events only; per-account and per-event forms are named by
        // their ids, so B's are unknown forms here.
        ["GET /crm/conversions"] = _ => GetAsync("conversions", "/crm/conversions", [HttpStatusCode.OK]),
        ["POST /crm/conversions"] = _ => UnknownFormAsync("/crm/conversions", _bContact),
        // A's members and numbers only; links aimed at B's number or B's member are refused; B's phone has no forms here.
        ["GET /team"] = _ => GetAsync("team", "/team", [HttpStatusCode.OK]),
        ["POST /team"] = TeamPostAsync,
        ["GET /simulator"] = SimulatorGetAsync,
        ["POST /simulator"] = SimulatorPostAsync,
        ["GET /orders"] = OrdersListAsync,
        // The status form only renders on an order's page: posted to the list (with or without B's id) it is refused.
        ["POST /orders"] = async _ =>
        {
            await PostFormAsync("order status form on the list", "/orders?contact=" + _bContact, "status", new() { ["to"] = "cancelled", ["orderId"] = _bOrder.ToString() },
                [HttpStatusCode.BadRequest, .. NotFoundOrForbidden]);
            await UnknownFormAsync("/orders", _bOrder);
        },

        // ---- routes that take an id: B's real id answers 404 before anything renders; forms on it change nothing ----
        ["GET /inbox/{ConversationId:guid}"] = ConversationGetAsync,
        ["POST /inbox/{ConversationId:guid}"] = ConversationPostAsync,
        ["POST /inbox/{conversationId:guid}/comments/{commentId}/reply"] = CommentReplyPostAsync,
        ["GET /orders/{OrderId:guid}"] = OrderGetAsync,
        ["POST /orders/{OrderId:guid}"] = OrderPostAsync,

        // ---- operations: platform admins only (cross-tenant by design); a merchant owner is refused ----
        ["GET /ops"] = OpsGetAsync,
        ["POST /ops"] = async _ =>
        {
            var (status, _) = await PostFormAsync("ops as owner", "/ops", $"discard-{Guid.NewGuid()}", [], [HttpStatusCode.Forbidden, .. Redirected]);
            if (status != HttpStatusCode.Forbidden) await OpsRefusedAsync(status);
        },
        // ---- the operator API: the operator key is its only credential, so a merchant's login cookie gets a 401 ----
        ["GET /ops/api/queue/stats"] = OpsApiAsync,
        ["GET /ops/api/queue/health"] = OpsApiAsync,
        ["POST /ops/api/queue/cleanup"] = OpsApiAsync,
        ["GET /ops/api/queue/dead-letters"] = OpsApiAsync,
        ["POST /ops/api/queue/dead-letters/{id:guid}/retry"] = OpsApiAsync,
        ["DELETE /ops/api/queue/dead-letters/{id:guid}"] = OpsApiAsync,
        ["POST /ops/api/queue/retry-failed"] = OpsApiAsync,
        ["GET /ops/api/deliveries"] = OpsApiAsync,
        ["POST /ops/api/deliveries/{id:long}/replay"] = OpsApiAsync,
        ["GET /ops/api/unroutable"] = OpsApiAsync,
        ["POST /ops/api/unroutable/{id:guid}/resolve"] = OpsApiAsync,
        ["GET /ops/api/status"] = OpsApiAsync,
        ["GET /ops/api/config/validate"] = OpsApiAsync,
        ["POST /ops/api/tokens/reencrypt"] = OpsApiAsync,

        // ---- session and preferences: no merchant data; switching to a merchant one is not a member of is ignored ----
        ["GET /account/login"] = _ => GetAsync("login page", "/account/login", [HttpStatusCode.OK]),
        ["POST /account/login"] = LoginPostAsync,
        ["POST /account/logout"] = LogoutAsync,
        ["POST /account/switch-merchant"] = SwitchMerchantAsync,
        ["POST /preferences/language"] = _ => PostFormAsync("language", "/preferences/language", "", new() { ["language"] = "ar", ["returnUrl"] = "/inbox" }, Redirected),
        ["POST /preferences/digits"] = _ => PostFormAsync("digits", "/preferences/digits", "", new() { ["digits"] = "latn", ["returnUrl"] = "/inbox" }, Redirected),
        ["GET /forbidden"] = _ => GetAsync("not allowed page", "/forbidden", [HttpStatusCode.Forbidden]),
        ["POST /forbidden"] = _ => UnknownFormAsync("/forbidden", _bContact),
        ["GET /not-found"] = _ => GetAsync("not found page", "/not-found", [HttpStatusCode.OK, HttpStatusCode.NotFound]),
        ["POST /not-found"] = _ => UnknownFormAsync("/not-found", _bContact),
        ["GET /openapi/{documentName}.json"] = r => GetAsync("openapi", DashboardRoutes.Fill(r.Pattern, "v1"), [HttpStatusCode.OK]),
        ["* /health"] = r => GetAsync("health", r.Pattern, [HttpStatusCode.OK]),
        ["* /alive"] = r => GetAsync("alive", r.Pattern, [HttpStatusCode.OK]),
        // Static files not in the build manifest (development fallback): a file name made of B's id is just a missing file.
        ["GET /{**path:file}"] = r => GetAsync("file fallback", DashboardRoutes.Fill(r.Pattern, $"{_bConversation}.json"), [HttpStatusCode.NotFound]),
        ["HEAD /{**path:file}"] = async r =>
        {
            using var head = await _a.SendAsync(new HttpRequestMessage(HttpMethod.Head, DashboardRoutes.Fill(r.Pattern, $"inbox/{_bConversation}.txt")));
            Expect("file fallback HEAD", head, HttpStatusCode.NotFound);
        },

        // ---- Blazor framework transport: no page is interactive (README: static SSR), so no circuit renders anything;
        // a circuit would get its tenant from TenantCircuitHandler. Probed for a body with B's data and a server error. ----
        ["* /_blazor"] = r => FrameworkAsync(HttpMethod.Get, r.Pattern),
        ["* /_blazor/disconnect"] = r => FrameworkAsync(HttpMethod.Post, r.Pattern),
        ["* /_blazor/initializers"] = r => FrameworkAsync(HttpMethod.Get, r.Pattern),
        ["* /_blazor/negotiate"] = r => FrameworkAsync(HttpMethod.Post, r.Pattern + "?negotiateVersion=1"),
        ["GET /_framework/opaque-redirect"] = r => FrameworkAsync(HttpMethod.Get, r.Pattern + $"?url={_bConversation}"),

        // ---- Merchant API (its own credential: A's API key; the sign-in cookie is not accepted) ----
        ["GET /api/v1/contacts"] = r => ApiListAsync(r, _aContact),
        ["GET /api/v1/conversations"] = r => ApiListAsync(r, _aConversation),
        ["GET /api/v1/stats"] = r => ApiListAsync(r, null),
        ["GET /api/v1/campaigns"] = r => ApiListAsync(r, null),
        ["GET /api/v1/leads"] = r => ApiListAsync(r, _aContact),
        ["GET /api/v1/orders"] = async r =>
        {
            await ApiListAsync(r, _aOrder);
            foreach (var query in new[] { $"contact_id={_bContact}", "status=confirmed", $"contact_id={_aContact}&status=confirmed" })
                await GetAsync("api orders filtered", $"{r.Pattern}?{query}", [HttpStatusCode.OK], _api);
        },
        ["GET /api/v1/orders/{id:guid}"] = r => ApiByIdAsync(r, HttpMethod.Get, _bOrder, _aOrder, null),
        ["GET /api/v1/contacts/{id:guid}"] = r => ApiByIdAsync(r, HttpMethod.Get, _bContact, _aContact, null),
        ["GET /api/v1/contacts/{id:guid}/activities"] = r => ApiByIdAsync(r, HttpMethod.Get, _bContact, _aContact, null),
        ["PATCH /api/v1/contacts/{id:guid}/lead"] = r => ApiByIdAsync(r, HttpMethod.Patch, _bContact, null, new { stage = "won", label = "hot" }),
        ["GET /api/v1/conversations/{id:guid}/messages"] = r => ApiByIdAsync(r, HttpMethod.Get, _bConversation, _aConversation, null),
        ["POST /api/v1/conversations/{id:guid}/messages"] = r => ApiByIdAsync(r, HttpMethod.Post, _bConversation, null, new { text = "hello from A" }),
    };

    // ---- pages --------------------------------------------------------------------------------------------------

    private async Task TeamPostAsync(DashboardRoute _)
    {
        var user = (string email) => Sql($"SELECT id::text FROM users WHERE email = '{email}'");
        var whatsApp = (string externalId) => Sql($"SELECT id::text FROM channel_accounts WHERE platform = 'whatsapp' AND external_id = '{externalId}'");
        var (aOwner, bOwner) = (await user(Dashboard.DashboardAppFactory.DemoEmail), await user(RouteIsolationHost.OwnerOfBEmail));
        var (aNumber, bNumber) = (await whatsApp(RouteIsolationHost.WhatsAppOfA), await whatsApp(RouteIsolationHost.WhatsAppOfB));
        var throughB = (await PostFormAsync("team link through B's number", "/team", "link",
            new() { ["userId"] = aOwner, ["phone"] = "07709990002", ["channelAccountId"] = bNumber }, [HttpStatusCode.OK])).Body;
        if (!throughB.Contains("data-outcome=\"not_whats_app_channel\"", StringComparison.Ordinal)) Fail("team link through B's number: not refused");
        var ofB = (await PostFormAsync("team link of B's owner", "/team", "link",
            new() { ["userId"] = bOwner, ["phone"] = "07709990003", ["channelAccountId"] = aNumber }, [HttpStatusCode.OK])).Body;
        if (!ofB.Contains("data-outcome=\"not_member\"", StringComparison.Ordinal)) Fail("team link of B's owner: not refused");
        var bPhone = await Sql($"SELECT id::text FROM staff_phones WHERE phone = '{RouteIsolationHost.StaffPhoneOfB}'");
        foreach (var form in new[] { "verify", "resend", "unlink" })
            await PostFormAsync($"team {form} of B's phone", "/team", $"{form}-{bPhone}", new() { ["code"] = "123456" }, [HttpStatusCode.BadRequest, .. NotFoundOrForbidden]);
    }

    private async Task InboxListAsync(DashboardRoute _)
    {
        var html = await GetAsync("inbox", "/inbox", [HttpStatusCode.OK]);
        if (!html.Contains(_aConversation.ToString())) Fail("inbox: A's own conversation is missing (the page is not really rendering A's data)");
        foreach (var filter in new[] { "?unread=1", "?attention=1", "?owner=ai", "?stage=interested", "?channel=instagram" })
            await GetAsync("inbox filtered", "/inbox" + filter, [HttpStatusCode.OK]);
    }

    private async Task LeadsMoveAsync(DashboardRoute _)
    {
        await PostFormAsync("lead move of B's contact", "/leads", "move", new() { ["contactId"] = _bContact.ToString(), ["stage"] = "won" }, HandledWithoutB);
        await UnknownFormAsync("/leads", _bContact);
        // Sanity: the same form moves A's own contact (so B's unchanged row above is isolation, not a form that never works).
        await PostFormAsync("lead move of A's contact", "/leads", "move", new() { ["contactId"] = _aContact.ToString(), ["stage"] = "lost" }, HandledWithoutB);
        if (await Sql($"SELECT stage FROM contacts WHERE id = '{_aContact}'") != "lost") Fail("leads: the move form did not move A's own contact");
    }

    private async Task CatalogGetAsync(DashboardRoute _)
    {
        await GetAsync("catalog", "/catalog", [HttpStatusCode.OK]);
        await GetAsync("catalog edit of B's product", $"/catalog?edit={_bProduct}", [HttpStatusCode.OK]);
        await GetAsync("catalog search for B's sku", $"/catalog?q={RouteIsolationHost.Marker}", [HttpStatusCode.OK]);
        var own = await GetAsync("catalog edit of A's product", $"/catalog?edit={_aProduct}", [HttpStatusCode.OK]);
        if (!own.Contains("A-OWN-SKU")) Fail("catalog: editing A's own product does not show it");
    }

    private async Task CatalogPostAsync(DashboardRoute _)
    {
        Dictionary<string, string> Product(Guid id, string sku) => new()
        {
            ["Input.IdText"] = id.ToString(), ["Input.Sku"] = sku, ["Input.NameAr"] = "اسم من أ", ["Input.NameEn"] = "from A",
            ["Input.Aliases"] = "", ["Input.PriceIqd"] = "2000", ["Input.Stock"] = "3", ["Input.Sizes"] = "", ["Input.Colors"] = "", ["Input.Active"] = "true",
        };
        // The product form renders (and so accepts its post) on the edit URL, as the browser posts it.
        var (_, html) = await PostFormAsync("product save with B's product id", "/catalog?edit=new", "product", Product(_bProduct, "A-TAKEOVER"), HandledWithoutB);
        var notFound = new[] { true, false }.Select(arabic => AiSales.Dashboard.Localization.UiText.Get("catalog.problem.notFound", arabic));
        if (!notFound.Any(html.Contains)) Fail("catalog: saving B's product id did not answer 'not found'");
        await PostFormAsync("product save of A's product", $"/catalog?edit={_aProduct}", "product", Product(_aProduct, "A-OWN-SKU"), HandledWithoutB);
        if (await Sql($"SELECT name_en FROM products WHERE id = '{_aProduct}'") != "from A") Fail("catalog: the product form did not save A's own product");

        // Import B's sku: an upsert by sku must create A's own row, never update B's.
        var csv = $"sku,name_ar,price_iqd\n{RouteIsolationHost.Marker}SKU,من أ,5000\n";
        using var content = new MultipartFormDataContent
        {
            { new StringContent("import"), "_handler" }, { new StringContent(_token), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "csv", "products.csv" },
        };
        using var response = await _a.PostAsync("/catalog", content);
        Expect("catalog import of B's sku", response, HttpStatusCode.OK);
        if (await Sql($"SELECT count(*)::text FROM products WHERE merchant_id = '{RouteIsolationHost.A}' AND sku = '{RouteIsolationHost.Marker}SKU'") != "1")
            Fail("catalog import: B's sku did not become A's own product");
        // A now has its own row with that sku (A's data, marker and all): remove it before other pages are searched for the marker.
        await _host.Db.ExecuteAsync($"DELETE FROM products WHERE merchant_id = '{RouteIsolationHost.A}' AND sku = '{RouteIsolationHost.Marker}SKU'");
        await UnknownFormAsync("/catalog", _bProduct);
        // Delete forms are named by the product: B's product has none on A's page.
        await PostFormAsync("delete B's product", "/catalog", $"delete-{_bProduct}", [], [HttpStatusCode.BadRequest, .. NotFoundOrForbidden]);
    }

    private async Task MetaCatalogPostAsync(DashboardRoute _)
    {
        var bNumber = await Sql($"SELECT id::text FROM channel_accounts WHERE platform = 'whatsapp' AND external_id = '{RouteIsolationHost.WhatsAppOfB}'");
        var (_, html) = await PostFormAsync("meta catalog with B's number as the token", "/catalog/meta", "mc-connect", new()
        {
            ["catalogId"] = "1234567890", ["channelAccountId"] = bNumber, ["token"] = "", ["shopUrl"] = "https://wa.me/9647700000001", ["brand"] = "",
        }, HandledWithoutB);
        if (!html.Contains("data-problem=\"mc.problem.channel\"", StringComparison.Ordinal)) Fail("meta catalog: B's number as the token source was not refused");
        if (await Sql($"SELECT count(*)::text FROM meta_catalogs WHERE channel_account_id = '{bNumber}'") != "0") Fail("meta catalog: B's number was stored");
        await UnknownFormAsync("/catalog/meta", _bContact);
    }

    private async Task CommerceSettingsGetAsync(DashboardRoute r)
    {
        var aNumber = Guid.Parse(await Sql($"INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, display_name) VALUES ('{RouteIsolationHost.A}', 'whatsapp', 'meta', '990000000000112', 'A own number') ON CONFLICT (platform, external_id) DO UPDATE SET display_name = EXCLUDED.display_name RETURNING id::text"));
        await GetAsync("B's page shop settings", DashboardRoutes.Fill(r.Pattern, _bMetaChannel), NotFoundOrForbidden);
        await GetAsync("unknown number shop settings", DashboardRoutes.Fill(r.Pattern, Guid.NewGuid()), NotFoundOrForbidden);
        var own = await GetAsync("A's number shop settings", DashboardRoutes.Fill(r.Pattern, aNumber), [HttpStatusCode.OK]);
        if (!own.Contains("data-testid=\"commerce-title\"")) Fail("A's own number does not render its shop settings");
    }

    private async Task ChannelsPostAsync(DashboardRoute _)
    {
        // A's own forms (named for A's accounts) with B's account id in the field.
        var b = _bMetaChannel.ToString();
        foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
        {
            ($"disable-{_aSandboxChannel}", new() { ["accountId"] = b, ["confirm"] = "yes" }),
            ($"disable-{_aSandboxChannel}", new() { ["accountId"] = _bSandboxChannel.ToString(), ["confirm"] = "yes" }),
            ($"reconnect-{_aMetaChannel}", new() { ["accountId"] = b, ["token"] = "EAAStolenReconnect-1234567890" }),
            ($"test-{_aSandboxChannel}", new() { ["accountId"] = _bSandboxChannel.ToString(), ["recipient"] = "12345", ["text"] = "probe" }),
            ($"test-{_aMetaChannel}", new() { ["accountId"] = b, ["recipient"] = "12345", ["text"] = "probe" }),
        })
        {
            var (_, html) = await PostFormAsync("channel action on B's account", "/channels", handler, fields, HandledWithoutB);
            if (!html.Contains("data-ok=\"false\"")) Fail($"channels: {handler} with B's account id did not report a failure");
        }
        // Connecting B's external id: refused as taken, B's row untouched.
        await PostFormAsync("connect B's external id", "/channels", "connect", new()
        {
            ["platform"] = "messenger", ["provider"] = "meta", ["externalId"] = "990000000000777", ["displayName"] = "mine now", ["accessToken"] = "EAAStolenConnect-1234567890",
        }, HandledWithoutB);
        await UnknownFormAsync("/channels", _bMetaChannel);
        // Sanity: A's own disable works through the same form.
        await PostFormAsync("disable A's own meta account", "/channels", $"disable-{_aMetaChannel}", new() { ["accountId"] = _aMetaChannel.ToString(), ["confirm"] = "yes" }, HandledWithoutB);
        if (await Sql($"SELECT status FROM channel_accounts WHERE id = '{_aMetaChannel}'") != "disabled") Fail("channels: the disable form did not disable A's own account");
    }

    private async Task AiSettingsPostAsync(DashboardRoute _)
    {
        await PostFormAsync("ai settings", "/ai-settings", "ai", new()
        {
            ["persona"] = "A-own-persona", ["tone"] = "friendly", ["dialect"] = "iraqi", ["debounce"] = "4", ["quiet"] = "30", ["keywords"] = "",
        }, HandledWithoutB);
        if (!(await Sql($"SELECT ai_settings::text FROM merchants WHERE id = '{RouteIsolationHost.A}'")).Contains("A-own-persona"))
            Fail("ai settings: the form did not save A's own settings");
        await UnknownFormAsync("/ai-settings", _bContact);
    }

    private async Task SimulatorGetAsync(DashboardRoute _)
    {
        await GetAsync("simulator", "/simulator", [HttpStatusCode.OK]);
        await GetAsync("simulator as B's customer", $"/simulator?customer={RouteIsolationHost.SimulatorCustomerOfB}", [HttpStatusCode.OK]);
    }

    private async Task SimulatorPostAsync(DashboardRoute _)
    {
        // Speaks into A's own sandbox (Webhooks is down here: the page reports it); B's customer thread stays B's.
        await PostFormAsync("simulator say as B's customer", "/simulator", "say",
            new() { ["customer"] = RouteIsolationHost.SimulatorCustomerOfB, ["text"] = "hello" }, HandledWithoutB);
        await UnknownFormAsync("/simulator", _bContact);
    }

    private async Task OrdersListAsync(DashboardRoute _)
    {
        var html = await GetAsync("orders", "/orders", [HttpStatusCode.OK]);
        if (!html.Contains(_aOrder.ToString())) Fail("orders: A's own order is missing (the page is not really rendering A's data)");
        foreach (var filter in new[] { "?status=confirmed", $"?contact={_bContact}", $"?contact={_bContact}&status=confirmed", "?page=2147483647" })
            await GetAsync("orders filtered", "/orders" + filter, [HttpStatusCode.OK]);
    }
}
