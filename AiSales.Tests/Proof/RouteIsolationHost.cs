using System.Net;
using System.Text.RegularExpressions;
using AiSales.Dashboard.Inbox;
using AiSales.Tests.Dashboard;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AiSales.Tests.Proof;

/// <summary>
/// The Dashboard in-process for the route isolation matrix: the usual two merchants (A = demo, B = other), B's rows
/// made recognisable (every text of B carries <see cref="Marker"/>), a few extra rows so every form has something to
/// aim at (B's product, B's order, B's reconnectable channel, B's simulator customer; A's own meta channel so A's page renders a
/// reconnect form), a platform admin, and every id of B collected so a page can be searched for any of them.
/// Webhooks is pointed at a closed port: the simulator fails fast instead of reaching another service.
/// </summary>
public sealed partial class RouteIsolationHost : IAsyncDisposable
{
    public const string Marker = "ISO-B-";
    public const string SimulatorCustomerOfB = "70000000000777";
    public const string AdminEmail = "iso-admin@demo.test";
    public const string AdminPassword = "iso-admin-password-2026";
    public const string OwnerOfBEmail = "owner@other-shop.test";
    public const string OwnerOfBPassword = "other-shop-password-2026";
    public const string WhatsAppOfA = "990000000000222", WhatsAppOfB = "990000000000888", StaffPhoneOfB = "9647709990001";
    public static readonly Guid A = DashboardAppFactory.DemoMerchantId;
    public static readonly Guid B = DashboardAppFactory.OtherMerchantId;

    private DashboardAppFactory _base = null!;
    public WebApplicationFactory<InboxQueries> App { get; private set; } = null!;
    public DashboardAppFactory Db => _base;

    /// <summary>Every id of B's rows (conversations, contacts, messages, products, channel accounts, activities) plus B itself.</summary>
    public IReadOnlyList<string> IdsOfB { get; private set; } = [];

    public static async Task<RouteIsolationHost> StartAsync()
    {
        var host = new RouteIsolationHost { _base = await DashboardAppFactory.StartAsync() };
        host.App = host._base.WithWebHostBuilder(b =>
        {
            DashboardPagesFixture.ConfigurePages(b, "http://127.0.0.1:9");
            b.UseSetting("services:webhooks:http:0", "http://127.0.0.1:9");
            b.UseSetting("Simulator:Timeout", "00:00:03");
        });
        host.App.CreateClient().Dispose();
        await host.SeedAsync();
        await host.CreateAdminAsync();
        return host;
    }

    private async Task SeedAsync()
    {
        // json / array literals with braces, kept out of the interpolated SQL below.
        var persona = "{\"persona\":\"" + Marker + "persona\"}";
        var labels = "{" + Marker + "label}";
        var aliases = "{" + Marker + "alias}";
        await _base.ExecuteAsync($"""
            UPDATE merchants SET name = '{Marker}Shop', ai_settings = coalesce(ai_settings, jsonb_build_object()) || '{persona}'::jsonb WHERE id = '{B}';
            UPDATE channel_accounts SET display_name = '@{Marker}channel' WHERE merchant_id = '{B}';
            INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, display_name, status, last_error)
            VALUES ('{B}', 'messenger', 'meta', '990000000000777', '{Marker}page', 'needs_reconnect', '{Marker}last-error');
            INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, display_name)
            VALUES ('{A}', 'messenger', 'meta', '990000000000111', 'A own page');
            -- WhatsApp numbers for the Team page (ManyChat, so each shop keeps one sandbox and one Meta account).
            INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, display_name)
            VALUES ('{A}', 'whatsapp', 'manychat', '{WhatsAppOfA}', 'A own WhatsApp'), ('{B}', 'whatsapp', 'manychat', '{WhatsAppOfB}', '{Marker}whatsapp');
            UPDATE contacts SET display_name = '{Marker}' || coalesce(display_name, ''), username = '{Marker}' || coalesce(username, '') WHERE merchant_id = '{B}';
            UPDATE conversations SET notes = '{Marker}note', labels = '{labels}', attention_reason = '{Marker}reason' WHERE merchant_id = '{B}';
            UPDATE messages SET text = '{Marker}' || text WHERE merchant_id = '{B}' AND text IS NOT NULL;
            UPDATE lead_activities SET reasons = '["{Marker}reason"]'::jsonb WHERE merchant_id = '{B}';
            INSERT INTO products (merchant_id, sku, name_ar, name_en, price_iqd, aliases)
            VALUES ('{B}', '{Marker}SKU', '{Marker}منتج', '{Marker}product', 12345, '{aliases}');
            INSERT INTO products (merchant_id, sku, name_ar, price_iqd) VALUES ('{A}', 'A-OWN-SKU', 'منتج أ', 1000);
            WITH ch AS (SELECT id FROM channel_accounts WHERE merchant_id = '{B}' AND provider = 'sandbox' LIMIT 1),
            k AS (INSERT INTO contacts (merchant_id, channel_account_id, external_id, display_name)
                  SELECT '{B}', ch.id, '{SimulatorCustomerOfB}', '{Marker}sim-customer' FROM ch RETURNING id, channel_account_id),
            c AS (INSERT INTO conversations (merchant_id, channel_account_id, contact_id, last_message_at, last_customer_message_at)
                  SELECT '{B}', channel_account_id, id, now(), now() FROM k RETURNING id, channel_account_id)
            INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, kind, text, external_id, external_timestamp, status)
            SELECT '{B}', c.id, c.channel_account_id, 'inbound', 'customer', 'text', '{Marker}sim-message', 'mid-iso-b-sim', now(), 'received' FROM c;
            """);
        // One order each (as the Worker writes them: confirmed, from the chat), B's carrying the marker in every text.
        foreach (var (merchant, sku, text) in new[] { (B, $"{Marker}SKU", Marker), (A, "A-OWN-SKU", "A-own-") })
            await _base.ExecuteAsync($"""
                WITH c AS (SELECT id, contact_id FROM conversations WHERE merchant_id = '{merchant}' ORDER BY created_at, id LIMIT 1),
                o AS (INSERT INTO orders (merchant_id, contact_id, conversation_id, status, customer_name, governorate, city, address, phone,
                                          items_total_iqd, delivery_fee_iqd, total_iqd)
                      SELECT '{merchant}', contact_id, id, 'confirmed', '{text}customer', 'Basra', '{text}city', '{text}address', '0770999000{(merchant == B ? 1 : 2)}',
                             12345, 5000, 17345 FROM c RETURNING id)
                INSERT INTO order_items (order_id, merchant_id, product_id, product_name, sku, quantity, size, colour, unit_price_iqd)
                SELECT o.id, '{merchant}', (SELECT id FROM products WHERE merchant_id = '{merchant}' AND sku = '{sku}'), '{text}item', '{sku}', 1, '{text}size', '{text}colour', 12345 FROM o;
                """);
        // B's product photo (docs/media.md): GET /catalog/photos/{id} must never serve it to A.
        await _base.ExecuteAsync($"INSERT INTO product_photos (product_id, merchant_id, content_type, bytes, dhash, fine_hash, aspect) SELECT id, merchant_id, 'image/png', '\\x89504e47'::bytea, ARRAY[1]::bigint[], '\\x00'::bytea, 1 FROM products WHERE merchant_id = '{B}' ORDER BY id LIMIT 1");
        var ids = new List<string> { B.ToString() };
        foreach (var table in new[] { "conversations", "contacts", "messages", "products", "channel_accounts", "lead_activities", "orders", "order_items" })
            ids.AddRange((await _base.ScalarAsync<string>($"SELECT string_agg(id::text, ',') FROM {table} WHERE merchant_id = '{B}'")).Split(','));
        IdsOfB = ids;
    }

    private async Task CreateAdminAsync()
    {
        await DashboardAppFactory.CreateUserAsync(App.Services, AdminEmail, AdminPassword, A, platformAdmin: true);
        // B's own owner: the control that B's marker really renders on the pages A is searched on.
        await DashboardAppFactory.CreateUserAsync(App.Services, OwnerOfBEmail, OwnerOfBPassword, B);
        // B's owner's linked WhatsApp number: its id and digits are B's data too.
        var staffPhone = await _base.ScalarAsync<string>($"""
            INSERT INTO staff_phones (merchant_id, user_id, channel_account_id, phone, verified_at)
            SELECT '{B}', u.id, c.id, '{StaffPhoneOfB}', now() FROM users u, channel_accounts c
            WHERE u.email = '{OwnerOfBEmail}' AND c.platform = 'whatsapp' AND c.external_id = '{WhatsAppOfB}'
            RETURNING id::text
            """);
        IdsOfB = [.. IdsOfB, staffPhone, StaffPhoneOfB];
    }

    /// <summary>A cookie client signed in (merchant A's owner unless told otherwise); no automatic redirects.</summary>
    public async Task<HttpClient> SignedInAsync(string email = DashboardAppFactory.DemoEmail, string password = DashboardAppFactory.DemoPassword)
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await DashboardAppFactory.LoginAsync(client, email, password);
        Assert.True(DashboardAppFactory.IsRedirectTo(login, "/") && !DashboardAppFactory.IsRedirectTo(login, "/account/login"),
            $"login failed: {(int)login.StatusCode} {login.Headers.Location}");
        return client;
    }

    /// <summary>Merchant A's Merchant API key client (the API's own credential; cookies are not accepted there).</summary>
    public Task<HttpClient> ApiClientForAAsync() => DashboardAppFactory.ApiClientAsync(App, A, "route-isolation");

    /// <summary>An antiforgery token for this client's session (tokens are per user, valid for any form).</summary>
    public static async Task<string> TokenAsync(HttpClient client)
    {
        var token = AntiforgeryToken().Match(await client.GetStringAsync("/")).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "home page has no antiforgery token");
        return WebUtility.HtmlDecode(token);
    }

    /// <summary>B's rows in every tenant table plus B's merchants row (<see cref="DashboardAppFactory.SnapshotOfMerchantAsync"/>).</summary>
    public Task<string> SnapshotOfBAsync() => _base.SnapshotOfMerchantAsync(B);

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await _base.DisposeAsync();
    }
}
