using System.Net;
using System.Text.RegularExpressions;

namespace AiSales.Tests.Dashboard;

/// <summary>A WhatsApp cart in the inbox: each line with its SKU, quantity and the price the cart showed (not "No content").</summary>
public sealed class CartMessageRenderingTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task A_cart_shows_its_lines()
    {
        var m = DashboardAppFactory.DemoMerchantId;
        var conversation = await fixture.App.ScalarAsync<Guid>($$"""
            WITH ch AS (SELECT id FROM channel_accounts WHERE merchant_id = '{{m}}' ORDER BY created_at LIMIT 1),
            k AS (INSERT INTO contacts (merchant_id, channel_account_id, external_id, display_name)
                  SELECT '{{m}}', id, 'wa-cart-' || substr(md5(random()::text), 1, 8), 'Zainab' FROM ch RETURNING id, channel_account_id),
            c AS (INSERT INTO conversations (merchant_id, channel_account_id, contact_id, last_message_at)
                  SELECT '{{m}}', channel_account_id, id, now() FROM k RETURNING id, channel_account_id),
            msg AS (INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, kind, text, attachments, external_id, status)
                  SELECT '{{m}}', c.id, c.channel_account_id, 'inbound', 'customer', 'order', NULL,
                         '[{"type":"product","external_id":"HOODIE-C","quantity":2,"price":32000,"currency":"IQD"},
                           {"type":"product","external_id":"BAG-C","quantity":1,"price":45000.5,"currency":"IQD"}]'::jsonb,
                         'wamid-' || md5(random()::text), 'received' FROM c RETURNING 1)
            SELECT c.id FROM c, (SELECT count(*) FROM msg) n
            """);

        using var client = fixture.App.Browser();
        await DashboardAppFactory.LoginAsync(client, DashboardAppFactory.DemoEmail, DashboardAppFactory.DemoPassword);
        var response = await client.GetAsync($"/inbox/{conversation}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains("data-testid=\"cart-order\"", html);
        Assert.Equal(2, Regex.Matches(html, "data-testid=\"cart-line\"").Count);
        Assert.Contains("2 × HOODIE-C", html);
        Assert.Contains("45,000.5 IQD", html);
    }
}
