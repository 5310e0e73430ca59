using System.Net;
using System.Text.RegularExpressions;
using AiSales.Dashboard.Orders;
using static AiSales.Tests.Dashboard.SampleOrders;

namespace AiSales.Tests.Dashboard;

/// <summary>The Orders page and the contact panel's orders through real HTTP requests: only the merchant's own, filters, paging, status changes and stock.</summary>
public sealed partial class OrdersPageTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private DashboardAppFactory App => fixture.App;
    private static Guid Demo => DashboardAppFactory.DemoMerchantId;
    private static Guid Other => DashboardAppFactory.OtherMerchantId;

    private async Task<HttpClient> SignedInAsync()
    {
        var client = App.Browser();
        var login = await DashboardAppFactory.LoginAsync(client, DashboardAppFactory.DemoEmail, DashboardAppFactory.DemoPassword);
        Assert.True(DashboardAppFactory.IsRedirectTo(login, "/") && !DashboardAppFactory.IsRedirectTo(login, "/account/login"), $"login failed: {login.Headers.Location}");
        return client;
    }

    /// <summary>Posts the order page's status form as a browser does (the button's name/value, handler, antiforgery token).</summary>
    private static async Task<HttpResponseMessage> MoveAsync(HttpClient client, Guid orderId, string to, Guid? tokenFrom = null)
    {
        var page = await client.GetStringAsync($"/orders/{tokenFrom ?? orderId}");
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups[1].Value);
        Assert.False(string.IsNullOrEmpty(token), "order page has no antiforgery token");
        return await client.PostAsync($"/orders/{orderId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "status", ["to"] = to, ["__RequestVerificationToken"] = token,
        }));
    }

    private static List<string> RowIds(string html) => OrderRow().Matches(html).Select(m => m.Groups[1].Value).ToList();

    private async Task<Guid> ProductAsync(int stock)
    {
        var sku = "ORD-" + Guid.NewGuid().ToString("N")[..8];
        return await App.ScalarAsync<Guid>($"INSERT INTO products (merchant_id, sku, name_ar, price_iqd, stock) VALUES ('{Demo}', '{sku}', 'عباية تجربة', 45000, {stock}) RETURNING id");
    }

    private Task<int> StockAsync(Guid productId) => App.ScalarAsync<int>($"SELECT stock FROM products WHERE id = '{productId}'");

    [Fact]
    public async Task The_list_shows_only_the_merchants_own_orders_newest_first()
    {
        var customer = await CustomerAsync(App.ConnectionString, Demo, "عميل الطلبات");
        var older = await OrderAsync(App.ConnectionString, Demo, "confirmed", [new(null, "عباية سوداء كلاسيك", 2, 45000, "M", "أسود")], (customer.ContactId, customer.ConversationId), ago: TimeSpan.FromHours(3));
        var newer = await OrderAsync(App.ConnectionString, Demo, "shipped", [new(null, "دشداشة رجالي", 1, 35000, "XL", "أبيض")], (customer.ContactId, customer.ConversationId), ago: TimeSpan.FromHours(1));
        var foreign = await OrderAsync(App.ConnectionString, Other, "confirmed", [new(null, "other-shop-secret-item", 1, 1000)], customerName: "other-shop-secret-customer");

        using var client = await SignedInAsync();
        var all = await client.GetStringAsync("/orders");
        Assert.Contains(newer.OrderId.ToString(), all);
        Assert.DoesNotContain(foreign.OrderId.ToString(), all);
        Assert.DoesNotContain("other-shop-secret", all);

        var mine = await client.GetStringAsync($"/orders?contact={customer.ContactId}");
        Assert.Equal([newer.OrderId.ToString(), older.OrderId.ToString()], RowIds(mine));
        // Customer, items summary, total in IQD as the rest of the UI (Arabic: "95,000 د.ع"), governorate by name, phone.
        Assert.Contains("2× <bdi>عباية سوداء كلاسيك</bdi>", mine);
        Assert.Contains("95,000 د.ع", mine);
        Assert.Contains("البصرة", mine);
        Assert.Contains("07701234567", mine);
        Assert.Contains("data-status=\"shipped\"", mine);

        // Another merchant's customer as the filter: nothing, and nothing of theirs.
        var theirs = await client.GetStringAsync($"/orders?contact={foreign.ContactId}");
        Assert.Empty(RowIds(theirs));
        Assert.DoesNotContain("other-shop-secret", theirs);
    }

    [Fact]
    public async Task The_status_filter_and_paging_narrow_the_list()
    {
        var customer = await CustomerAsync(App.ConnectionString, Demo, "Paging customer");
        var seeded = new List<Seeded>();
        for (var i = 0; i < OrderQueries.PageSize + 3; i++)
            seeded.Add(await OrderAsync(App.ConnectionString, Demo, i % 3 == 0 ? "delivered" : "confirmed",
                [new(null, $"item {i}", 1, 1000 + i)], (customer.ContactId, customer.ConversationId), ago: TimeSpan.FromMinutes(500 - i)));
        using var client = await SignedInAsync();

        var delivered = RowIds(await client.GetStringAsync($"/orders?status=delivered&contact={customer.ContactId}"));
        Assert.Equal(seeded.Where((_, i) => i % 3 == 0).Select(s => s.OrderId.ToString()).Reverse(), delivered);

        var page1 = await client.GetStringAsync($"/orders?contact={customer.ContactId}");
        var page2 = await client.GetStringAsync($"/orders?contact={customer.ContactId}&page=2");
        Assert.Equal(OrderQueries.PageSize, RowIds(page1).Count);
        Assert.Equal(3, RowIds(page2).Count);
        Assert.Equal(seeded.Select(s => s.OrderId.ToString()).Reverse(), RowIds(page1).Concat(RowIds(page2)));
        Assert.Contains("data-testid=\"orders-next\"", page1);
        Assert.Contains("data-testid=\"orders-prev\"", page2);

        // A page far past the end (or one that would overflow the skip) is an empty page, not an error.
        foreach (var page in new[] { "99", "2147483647", "-4" })
        {
            var response = await client.GetAsync($"/orders?contact={customer.ContactId}&page={page}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        // An unknown status is no filter rather than an error.
        Assert.Equal(OrderQueries.PageSize, RowIds(await client.GetStringAsync($"/orders?status=paid&contact={customer.ContactId}")).Count);
    }

    [Fact]
    public async Task A_merchant_without_orders_sees_the_empty_state()
    {
        var merchant = Guid.NewGuid();
        await App.ExecuteAsync($"INSERT INTO merchants (id, name, slug) VALUES ('{merchant}', 'Empty shop', 'empty-{merchant:N}')");
        const string email = "empty-orders@demo.test", password = "empty-orders-password-1";
        await DashboardAppFactory.CreateUserAsync(App.Services, email, password, merchant);
        using var client = App.Browser();
        await DashboardAppFactory.LoginAsync(client, email, password);
        var html = await client.GetStringAsync("/orders");
        Assert.Contains("data-testid=\"orders-empty\"", html);
        Assert.Contains("لا توجد طلبات بعد", html);
        Assert.Empty(RowIds(html));
    }

    [Fact]
    public async Task The_detail_shows_lines_amounts_delivery_and_links_in_arabic_and_english()
    {
        var product = await ProductAsync(stock: 8);
        var seeded = await OrderAsync(App.ConnectionString, Demo, "confirmed",
            [new(product, "عباية تجربة", 2, 45000, "L", "أسود"), new(null, "شال", 1, 10000, null, "كحلي")]);
        using var client = await SignedInAsync();

        var arabic = await client.GetStringAsync($"/orders/{seeded.OrderId}");
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", arabic);
        Assert.Equal(2, Regex.Matches(arabic, "data-testid=\"order-item\"").Count);
        Assert.Matches("data-testid=\"order-items-total\">100,000 د.ع<", arabic);
        Assert.Matches("data-testid=\"order-delivery-fee\">5,000 د.ع<", arabic);
        Assert.Matches("data-testid=\"order-total\">105,000 د.ع<", arabic);
        Assert.Contains("حي الحسين، شارع 14، دار 7", arabic);
        Assert.Contains($"href=\"/inbox/{seeded.ConversationId}\"", arabic);
        Assert.Contains($"href=\"/orders?contact={seeded.ContactId}\"", arabic);
        Assert.Contains("data-testid=\"order-move-shipped\"", arabic);
        Assert.Contains("data-testid=\"order-move-cancelled\"", arabic);
        Assert.DoesNotContain("data-testid=\"order-move-delivered\"", arabic);
        Assert.DoesNotMatch(@"[>\s(](orders?|contact|catalog)\.[a-z]+[A-Za-z._]*[<)]", arabic); // no missing UiText key on screen

        var switched = await client.PostAsync("/preferences/language", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["language"] = "en", ["returnUrl"] = "/", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryToken().Match(arabic).Groups[1].Value),
        }));
        Assert.True(switched.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found);
        var english = await client.GetStringAsync($"/orders/{seeded.OrderId}");
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", english);
        Assert.Matches("data-testid=\"order-total\">IQD 105,000<", english);
        Assert.Contains(">Basra<", english);
        Assert.DoesNotMatch(@"[>\s(](orders?|contact|catalog)\.[a-z]+[A-Za-z._]*[<)]", english);
        var list = await client.GetStringAsync("/orders");
        Assert.DoesNotMatch(@"[>\s(](orders?|contact|catalog)\.[a-z]+[A-Za-z._]*[<)]", list);
    }

    [Fact]
    public async Task A_status_change_is_audited_and_shown_in_the_history()
    {
        var seeded = await OrderAsync(App.ConnectionString, Demo, "confirmed", [new(null, "قميص", 1, 25000)]);
        using var client = await SignedInAsync();

        var response = await MoveAsync(client, seeded.OrderId, "shipped");
        Assert.True(DashboardAppFactory.IsRedirectTo(response, $"/orders/{seeded.OrderId}?flash=changed"), $"{(int)response.StatusCode} {response.Headers.Location}");
        Assert.Equal("shipped", await App.ScalarAsync<string>($"SELECT status FROM orders WHERE id = '{seeded.OrderId}'"));
        Assert.Equal("confirmed>shipped", await App.ScalarAsync<string>(
            $"SELECT string_agg((details->>'from') || '>' || (details->>'to'), ',') FROM audit_log WHERE action = 'order.status_changed' AND entity_type = 'order' AND entity_id = '{seeded.OrderId}' AND merchant_id = '{Demo}' AND actor LIKE 'user:%'"));
        Assert.True(await App.ScalarAsync<bool>($"SELECT updated_at > created_at FROM orders WHERE id = '{seeded.OrderId}'"));

        var page = await client.GetStringAsync($"/orders/{seeded.OrderId}?flash=changed");
        Assert.Contains("data-testid=\"order-notice\"", page);
        Assert.Single(Regex.Matches(page, "data-testid=\"order-history-entry\""));
        Assert.Contains("data-testid=\"order-move-delivered\"", page);

        // Through to delivered, then nothing more: a final status has no buttons and refuses a forged post.
        await MoveAsync(client, seeded.OrderId, "delivered");
        var refused = await MoveAsync(client, seeded.OrderId, "cancelled");
        Assert.True(DashboardAppFactory.IsRedirectTo(refused, $"/orders/{seeded.OrderId}?flash=not_allowed"), $"{refused.Headers.Location}");
        Assert.Equal("delivered", await App.ScalarAsync<string>($"SELECT status FROM orders WHERE id = '{seeded.OrderId}'"));
        Assert.Equal(2L, await App.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE action = 'order.status_changed' AND entity_id = '{seeded.OrderId}'"));
        // A delivered order can only come back (returned), which is final.
        var delivered = await client.GetStringAsync($"/orders/{seeded.OrderId}");
        Assert.Contains("data-testid=\"order-move-returned\"", delivered);
        Assert.DoesNotContain("data-testid=\"order-move-cancelled\"", delivered);
        await MoveAsync(client, seeded.OrderId, "returned");
        Assert.Contains("data-testid=\"order-final\"", await client.GetStringAsync($"/orders/{seeded.OrderId}"));
    }

    [Fact]
    public async Task A_returned_order_puts_its_items_back_in_stock()
    {
        var product = await ProductAsync(stock: 3);
        var seeded = await OrderAsync(App.ConnectionString, Demo, "delivered", [new(product, "عباية تجربة", 2, 45000, "M")]);
        using var client = await SignedInAsync();

        await MoveAsync(client, seeded.OrderId, "returned");
        await MoveAsync(client, seeded.OrderId, "returned"); // a second click changes nothing

        Assert.Equal("returned", await App.ScalarAsync<string>($"SELECT status FROM orders WHERE id = '{seeded.OrderId}'"));
        Assert.Equal(5, await App.ScalarAsync<int>($"SELECT stock FROM products WHERE id = '{product}'"));
    }

    [Fact]
    public async Task Cancelling_an_order_returns_its_stock_once()
    {
        var product = await ProductAsync(stock: 3); // 5 before the chat order took 2
        var seeded = await OrderAsync(App.ConnectionString, Demo, "confirmed",
            [new(product, "عباية تجربة", 1, 45000, "M"), new(product, "عباية تجربة", 1, 45000, "L"), new(null, "منتج محذوف", 4, 1000)]);
        using var client = await SignedInAsync();

        await MoveAsync(client, seeded.OrderId, "cancelled");
        Assert.Equal("cancelled", await App.ScalarAsync<string>($"SELECT status FROM orders WHERE id = '{seeded.OrderId}'"));
        Assert.Equal(5, await StockAsync(product));
        Assert.Equal($"{product}:2", await App.ScalarAsync<string>(
            $"SELECT string_agg((s->>'product_id') || ':' || (s->>'quantity'), ',') FROM audit_log, jsonb_array_elements(details->'stock') s WHERE entity_id = '{seeded.OrderId}'"));

        // A second cancel (a double click, a colleague) changes nothing.
        var again = await MoveAsync(client, seeded.OrderId, "cancelled");
        Assert.True(DashboardAppFactory.IsRedirectTo(again, $"/orders/{seeded.OrderId}?flash=not_allowed"));
        Assert.Equal(5, await StockAsync(product));
    }

    [Fact]
    public async Task Concurrent_cancels_return_the_stock_once()
    {
        var product = await ProductAsync(stock: 0);
        var seeded = await OrderAsync(App.ConnectionString, Demo, "shipped", [new(product, "عباية تجربة", 3, 45000)]);
        using var client = await SignedInAsync();
        var page = await client.GetStringAsync($"/orders/{seeded.OrderId}");
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups[1].Value);
        var posts = Enumerable.Range(0, 4).Select(_ => client.PostAsync($"/orders/{seeded.OrderId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "status", ["to"] = "cancelled", ["__RequestVerificationToken"] = token,
        })));
        await Task.WhenAll(posts);
        Assert.Equal(3, await StockAsync(product));
        Assert.Equal(1L, await App.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE action = 'order.status_changed' AND entity_id = '{seeded.OrderId}'"));
    }

    [Fact]
    public async Task Confirming_a_pending_order_takes_stock_and_refuses_when_there_is_too_little()
    {
        var product = await ProductAsync(stock: 2);
        var small = await OrderAsync(App.ConnectionString, Demo, "pending", [new(product, "عباية تجربة", 2, 45000)]);
        var big = await OrderAsync(App.ConnectionString, Demo, "pending", [new(product, "عباية تجربة", 1, 45000)]);
        using var client = await SignedInAsync();

        await MoveAsync(client, small.OrderId, "confirmed");
        Assert.Equal(0, await StockAsync(product));
        var refused = await MoveAsync(client, big.OrderId, "confirmed");
        Assert.True(DashboardAppFactory.IsRedirectTo(refused, $"/orders/{big.OrderId}?flash=out_of_stock"), $"{refused.Headers.Location}");
        Assert.Equal("pending", await App.ScalarAsync<string>($"SELECT status FROM orders WHERE id = '{big.OrderId}'"));
        Assert.Equal(0L, await App.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE entity_id = '{big.OrderId}'"));
        Assert.Contains("data-flash=\"out_of_stock\"", await client.GetStringAsync($"/orders/{big.OrderId}?flash=out_of_stock"));

        // A pending order never took stock, so cancelling it gives none back.
        await MoveAsync(client, big.OrderId, "cancelled");
        Assert.Equal(0, await StockAsync(product));
    }

    [Fact]
    public async Task Another_merchants_order_is_404_and_cannot_be_changed()
    {
        var foreign = await OrderAsync(App.ConnectionString, Other, "confirmed", [new(null, "other-shop-secret-item", 1, 1000)], customerName: "other-shop-secret-customer");
        var own = await OrderAsync(App.ConnectionString, Demo, "confirmed", [new(null, "قميص", 1, 25000)]);
        using var client = await SignedInAsync();

        var page = await client.GetAsync($"/orders/{foreign.OrderId}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("other-shop-secret", await page.Content.ReadAsStringAsync());
        var post = await MoveAsync(client, foreign.OrderId, "cancelled", tokenFrom: own.OrderId);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal("confirmed", await App.ScalarAsync<string>($"SELECT status FROM orders WHERE id = '{foreign.OrderId}'"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/orders/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task The_inbox_contact_panel_lists_the_customers_orders()
    {
        var seeded = await OrderAsync(App.ConnectionString, Demo, "shipped", [new(null, "قميص", 2, 25000)]);
        var foreign = await OrderAsync(App.ConnectionString, Other, "confirmed", [new(null, "x", 1, 1000)]);
        using var client = await SignedInAsync();
        var html = await client.GetStringAsync($"/inbox/{seeded.ConversationId}");
        var panel = html[html.IndexOf("data-testid=\"contact-panel\"", StringComparison.Ordinal)..];
        Assert.Contains($"href=\"/orders/{seeded.OrderId}\"", panel);
        Assert.Contains("55,000 د.ع", panel);
        Assert.Contains("تم الشحن", panel);
        Assert.DoesNotContain(foreign.OrderId.ToString(), html);

        var without = await client.GetStringAsync($"/inbox/{await App.ScalarAsync<Guid>($"SELECT c.id FROM conversations c WHERE c.merchant_id = '{Demo}' AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.contact_id = c.contact_id) LIMIT 1")}");
        Assert.Contains("data-testid=\"contact-no-orders\"", without);
    }

    /// <summary>In the real Dashboard (status-code pages re-execute bodiless errors as HTML) the API's 400s stay problem JSON.</summary>
    [Theory]
    [InlineData("/api/v1/orders?page=99999999999")]
    [InlineData("/api/v1/orders?status=paid")]
    [InlineData("/api/v1/orders?contact_id=42")]
    public async Task The_dashboards_orders_api_answers_bad_input_with_a_json_400(string url)
    {
        using var api = await DashboardAppFactory.ApiClientAsync(App, Demo, "orders-bad-input");
        var response = await api.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("data-testid=\"order-row\" data-order-id=\"([0-9a-f-]+)\"")]
    private static partial Regex OrderRow();
}
