using System.Net;
using System.Text.RegularExpressions;
using AiSales.Core.Security;
using AiSales.Tests.Dashboard;
using AiSales.Tests.Fakes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Commerce;

/// <summary>
/// The owner's Meta catalog page, the catalog page's sync state and delete, and a WhatsApp number's shop settings, over
/// HTTP with a fake Graph: a bad form saves nothing; a good one stores the token encrypted (never shown again) and queues
/// every product; states and failures read in plain words; "sync all" queues everything again; a refused token shows the
/// reconnect notice; delete asks first, hides the product and queues its removal; the cart and catalog icon are read from
/// and set at Meta.
/// </summary>
public sealed partial class CatalogPagesTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>, IAsyncLifetime
{
    private static readonly Guid Demo = DashboardAppFactory.DemoMerchantId;
    private FakeCommerceGraph _meta = null!;
    private WebApplicationFactory<AiSales.Dashboard.Inbox.InboxQueries> _app = null!;

    public async Task InitializeAsync()
    {
        _meta = await FakeCommerceGraph.StartNewAsync();
        _app = fixture.App.WithWebHostBuilder(b =>
        {
            b.UseSetting("Security:EncryptionKey", CatalogSyncHost.EncryptionKey);
            b.UseSetting("Meta:GraphApiBaseUrl", _meta.BaseUrl);
        });
        await fixture.App.ExecuteAsync($"DELETE FROM meta_catalogs WHERE merchant_id = '{Demo}'");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _meta.DisposeAsync();
    }

    private async Task<HttpClient> OwnerAsync()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await DashboardAppFactory.LoginAsync(client, DashboardAppFactory.DemoEmail, DashboardAppFactory.DemoPassword);
        return client;
    }

    private static async Task<string> PostAsync(HttpClient client, string path, string formName, Dictionary<string, string> fields, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var token = AntiforgeryToken().Match(await client.GetStringAsync(path)).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token));
        var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["_handler"] = formName, ["__RequestVerificationToken"] = token }));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {html[..Math.Min(400, html.Length)]}");
        return html;
    }

    private static Dictionary<string, string> Connection(string catalogId, string token) => new()
    {
        ["catalogId"] = catalogId, ["channelAccountId"] = "", ["token"] = token, ["shopUrl"] = "https://wa.me/9647700000000", ["brand"] = "",
    };

    [Fact]
    public async Task Owner_connects_the_Meta_catalog_and_the_catalog_page_shows_each_products_state_in_plain_words()
    {
        using var owner = await OwnerAsync();
        var catalog = await owner.GetStringAsync("/catalog");
        Assert.Contains("data-testid=\"catalog-meta-link\"", catalog);
        Assert.DoesNotContain("data-testid=\"product-sync\"", catalog);

        var refused = await PostAsync(owner, "/catalog/meta", "mc-connect", Connection("https://business.facebook.com/catalog", FakeCommerceGraph.ValidToken));
        Assert.Contains("data-problem=\"mc.problem.catalogId\"", refused);
        Assert.Equal(0, await fixture.App.ScalarAsync<int>("SELECT count(*)::int FROM meta_catalogs"));

        var saved = await PostAsync(owner, "/catalog/meta", "mc-connect", Connection(FakeCommerceGraph.CatalogId, FakeCommerceGraph.ValidToken));
        Assert.Contains("data-testid=\"mc-notice\"", saved);
        Assert.DoesNotContain(FakeCommerceGraph.ValidToken, saved);
        Assert.DoesNotContain(FakeCommerceGraph.ValidToken, await owner.GetStringAsync("/catalog/meta"));
        Assert.Equal(0, await fixture.App.ScalarAsync<int>(
            $"SELECT count(*)::int FROM meta_catalogs WHERE position('{FakeCommerceGraph.ValidToken}'::bytea in access_token_encrypted) > 0"));
        var products = await fixture.App.ScalarAsync<int>($"SELECT count(*)::int FROM products WHERE merchant_id = '{Demo}' AND deleted_at IS NULL");
        Assert.True(products > 1);
        Assert.Equal(products, await fixture.App.ScalarAsync<int>(
            $"SELECT count(*)::int FROM catalog_sync s JOIN products p ON p.id = s.product_id WHERE s.merchant_id = '{Demo}' AND s.state = 'pending' AND p.deleted_at IS NULL"));

        // What the Worker would have recorded: one synced, one refused by Meta, one without a photo.
        var ids = (await fixture.App.ScalarAsync<string>($"SELECT string_agg(id::text, ',' ORDER BY sku) FROM products WHERE merchant_id = '{Demo}'")).Split(',');
        await fixture.App.ExecuteAsync($"""
            UPDATE catalog_sync SET state = 'synced' WHERE product_id = '{ids[0]}';
            UPDATE catalog_sync SET state = 'failed', error_code = 'no_image' WHERE product_id = '{ids[1]}';
            UPDATE catalog_sync SET state = 'failed', error_code = 'meta_rejected', last_error = 'Image could not be downloaded' WHERE product_id = '{ids[2]}';
            """);
        var page = await owner.GetStringAsync("/catalog");
        Assert.Contains("data-state=\"synced\"", page);
        Assert.Contains("data-error=\"no_image\"", page);
        Assert.Contains(AiSales.Dashboard.Localization.UiText.Get("sync.error.no_image", true), page);
        Assert.Contains(AiSales.Dashboard.Localization.UiText.Get("sync.column", true), page);
        // Meta's own (English) words only behind a disclosure labelled in the page's language.
        Assert.Matches("data-error=\"meta_rejected\"[\\s\\S]*data-testid=\"meta-words\"><summary>[^<]+</summary><div class=\"raw-words\" dir=\"auto\">Image could not be downloaded</div>", page);

        var synced = await PostAsync(owner, "/catalog/meta", "mc-sync-all", []);
        Assert.Contains("data-testid=\"mc-notice\"", synced);
        Assert.Equal(0, await fixture.App.ScalarAsync<int>($"SELECT count(*)::int FROM catalog_sync WHERE merchant_id = '{Demo}' AND state <> 'pending'"));

        // Meta refused the token (as the Worker records it): the page says to reconnect; saving a token resumes.
        await fixture.App.ExecuteAsync($"UPDATE meta_catalogs SET status = 'needs_reconnect', last_error = 'Error validating access token' WHERE merchant_id = '{Demo}'");
        Assert.Contains("data-testid=\"mc-reconnect\"", await owner.GetStringAsync("/catalog/meta"));
        await PostAsync(owner, "/catalog/meta", "mc-connect", Connection(FakeCommerceGraph.CatalogId, "EAAG-new-token"));
        Assert.Equal("active", await fixture.App.ScalarAsync<string>($"SELECT status FROM meta_catalogs WHERE merchant_id = '{Demo}'"));
        Assert.DoesNotContain("data-testid=\"mc-reconnect\"", await owner.GetStringAsync("/catalog/meta"));
    }

    [Fact]
    public async Task Deleting_a_product_on_the_catalog_page_asks_first_then_hides_it_and_queues_its_removal_from_Meta()
    {
        using var owner = await OwnerAsync();
        await PostAsync(owner, "/catalog/meta", "mc-connect", Connection(FakeCommerceGraph.CatalogId, FakeCommerceGraph.ValidToken));
        var (id, sku) = (await fixture.App.ScalarAsync<string>($"SELECT id || ',' || sku FROM products WHERE merchant_id = '{Demo}' AND deleted_at IS NULL ORDER BY sku DESC LIMIT 1")).Split(',') switch { var p => (Guid.Parse(p[0]), p[1]) };
        await fixture.App.ExecuteAsync($"UPDATE catalog_sync SET state = 'synced', remote_retailer_id = '{sku}' WHERE product_id = '{id}'");
        var page = await owner.GetStringAsync("/catalog");
        Assert.Contains($"data-sku=\"{sku}\"", page);
        Assert.Contains("data-testid=\"product-delete-open\"", page);

        var after = await PostAsync(owner, "/catalog", $"delete-{id}", []);
        Assert.Contains("data-testid=\"product-deleted\"", after);
        Assert.DoesNotContain($"data-sku=\"{sku}\"", after);
        Assert.DoesNotContain($"data-sku=\"{sku}\"", await owner.GetStringAsync("/catalog"));
        Assert.Equal("pending", await fixture.App.ScalarAsync<string>($"SELECT state FROM catalog_sync WHERE product_id = '{id}'"));
        Assert.Equal(1, await fixture.App.ScalarAsync<int>($"SELECT count(*)::int FROM products WHERE id = '{id}' AND deleted_at IS NOT NULL"));
        Assert.Equal(1, await fixture.App.ScalarAsync<int>($"SELECT count(*)::int FROM audit_log WHERE action = 'product.deleted' AND entity_id = '{id}'"));
        // Deleted twice (a replayed post): the form no longer exists on the page.
        await PostAsync(owner, "/catalog", $"delete-{id}", [], HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_WhatsApp_numbers_cart_and_catalog_icon_are_read_from_and_set_at_Meta()
    {
        var protector = _app.Services.GetRequiredService<TokenProtector>();
        var token = Convert.ToHexString(protector.Protect(FakeCommerceGraph.ValidToken));
        var channel = await fixture.App.ScalarAsync<Guid>($"""
            INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, display_name, access_token_encrypted)
            VALUES ('{Demo}', 'whatsapp', 'meta', '{FakeCommerceGraph.PhoneNumberId}', 'Shop WhatsApp', '\x{token}'::bytea)
            ON CONFLICT (platform, external_id) DO UPDATE SET access_token_encrypted = EXCLUDED.access_token_encrypted RETURNING id
            """);
        using var owner = await OwnerAsync();
        Assert.Contains($"/channels/{channel}/commerce", await owner.GetStringAsync("/channels"));

        var page = await owner.GetStringAsync($"/channels/{channel}/commerce");
        Assert.Matches("checked[^>]*data-testid=\"commerce-cart\"|data-testid=\"commerce-cart\"[^>]*checked", page);
        Assert.DoesNotMatch("checked[^>]*data-testid=\"commerce-catalog\"|data-testid=\"commerce-catalog\"[^>]*checked", page);
        Assert.Contains(_meta.Requests, r => r.Method == "GET" && r.Path == $"/v24.0/{FakeCommerceGraph.PhoneNumberId}/whatsapp_commerce_settings");

        // Cart off (an unchecked box is not posted), catalog icon on.
        var saved = await PostAsync(owner, $"/channels/{channel}/commerce", "commerce", new() { ["catalog"] = "true" });
        Assert.Contains("data-testid=\"commerce-saved\"", saved);
        var set = Assert.Single(_meta.Requests, r => r.Method == "POST");
        Assert.Contains("is_cart_enabled=false", set.Query);
        Assert.Contains("is_catalog_visible=true", set.Query);
        Assert.Equal(FakeCommerceGraph.ValidToken, set.BearerToken);
        Assert.Equal((false, true), _meta.CommerceSettings[FakeCommerceGraph.PhoneNumberId]);
        Assert.Matches("checked[^>]*data-testid=\"commerce-catalog\"|data-testid=\"commerce-catalog\"[^>]*checked", saved);

        // A token Meta refuses: the page says why in words, and offers no form.
        await fixture.App.ExecuteAsync($"UPDATE channel_accounts SET access_token_encrypted = '\\x{Convert.ToHexString(protector.Protect("expired"))}'::bytea WHERE id = '{channel}'");
        var refused = await owner.GetStringAsync($"/channels/{channel}/commerce");
        Assert.Contains("data-problem=\"token\"", refused);
        Assert.DoesNotContain("data-testid=\"commerce-form\"", refused);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
