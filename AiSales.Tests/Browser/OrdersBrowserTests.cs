using AiSales.Tests.Dashboard;
using static Microsoft.Playwright.Assertions;

namespace AiSales.Tests.Browser;

public sealed class OrdersBrowserTests(BrowserAppFixture app) : BrowserTest(app)
{
    /// <summary>
    /// A merchant on a phone (390 px, Arabic) opens Orders from the menu, opens the order the assistant took, ships it and
    /// then cancels it (the stock comes back); then the same pages on a desktop in English. Saves orders-*.png (list and
    /// detail, Arabic phone and English desktop) under TestResults/screenshots to eyeball the layout.
    /// </summary>
    [Fact]
    public Task On_a_phone_the_merchant_opens_an_order_and_changes_its_status() => RunAsync(async page =>
    {
        var name = $"زينب {Guid.NewGuid():N}"[..11];
        var lead = await SeededConversation.CreateAsync(App, App.DemoMerchantId, name, "اريد اطلب العباية", stage: "ordering");
        var sku = "BRW-" + Guid.NewGuid().ToString("N")[..6];
        var product = await App.ScalarAsync<Guid>("INSERT INTO products (merchant_id, sku, name_ar, name_en, price_iqd, stock) VALUES (@m, @s, 'عباية سوداء كلاسيك', 'Classic black abaya', 45000, 4) RETURNING id",
            ("m", App.DemoMerchantId), ("s", sku));
        var order = await SampleOrders.OrderAsync(App.ConnectionString, App.DemoMerchantId, "confirmed",
            [new(product, "عباية سوداء كلاسيك", 2, 45000, "M", "أسود"), new(null, "شال حرير", 1, 15000, null, "كحلي")],
            (lead.ContactId, lead.ConversationId), customerName: name, city: "الزبير", address: "حي الحسين، شارع 14، قرب جامع الرحمن، دار 7");
        var row = page.Locator($"[data-testid=order-row][data-order-id='{order.OrderId}']");

        await page.SetViewportSizeAsync(390, 844);
        await LoginAsync(page);
        // On a phone the navigation is behind the menu button.
        await TestId(page, "menu-toggle").ClickAsync();
        await TestId(page, "nav-orders").ClickAsync();
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.GetByTestId("order-total")).ToHaveTextAsync("110,000 د.ع");
        await AssertFitsTheScreenAsync(page);
        await ScreenshotAsync(page, "orders-list-ar-phone");

        await row.GetByTestId("order-link").ClickAsync();
        await Expect(TestId(page, "order-detail")).ToHaveAttributeAsync("data-status", "confirmed");
        await Expect(TestId(page, "order-item")).ToHaveCountAsync(2);
        await AssertFitsTheScreenAsync(page);
        await ScreenshotAsync(page, "order-detail-ar-phone");

        await TestId(page, "order-move-shipped").ClickAsync();
        await Expect(TestId(page, "order-detail")).ToHaveAttributeAsync("data-status", "shipped");
        await Expect(TestId(page, "order-notice")).ToBeVisibleAsync();
        await Expect(TestId(page, "order-history-entry")).ToHaveCountAsync(1);
        Assert.Equal("shipped", await App.ScalarAsync<string>("SELECT status FROM orders WHERE id = @id", ("id", order.OrderId)));

        await TestId(page, "order-move-cancelled").ClickAsync();
        await Expect(TestId(page, "order-detail")).ToHaveAttributeAsync("data-status", "cancelled");
        await Expect(TestId(page, "order-final")).ToBeVisibleAsync();
        Assert.Equal(6, await App.ScalarAsync<int>("SELECT stock FROM products WHERE id = @id", ("id", product)));

        // The inbox's contact panel (on a phone its own view, opened from the conversation) lists the order and links back to it.
        await page.GotoAsync($"/inbox/{lead.ConversationId}");
        await TestId(page, "inbox-show-contact").ClickAsync();
        await Expect(page.Locator($"[data-testid=contact-order][data-order-id='{order.OrderId}']")).ToBeVisibleAsync();

        // English on a desktop: the same order (the earlier one, still shipped-then-cancelled) in a table and its detail.
        var second = await SampleOrders.OrderAsync(App.ConnectionString, App.DemoMerchantId, "pending",
            [new(product, "عباية سوداء كلاسيك", 1, 45000, "L", "أسود")], (lead.ContactId, lead.ConversationId), customerName: name, governorate: "Baghdad", city: "الكرادة");
        await page.SetViewportSizeAsync(1280, 860);
        await TestId(page, "switch-language").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
        await page.GotoAsync("/orders");
        await Expect(page.Locator($"[data-testid=order-row][data-order-id='{second.OrderId}']")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "orders-list-en-desktop");
        await page.GotoAsync($"/orders/{order.OrderId}");
        await Expect(TestId(page, "order-total")).ToHaveTextAsync("IQD 110,000");
        await ScreenshotAsync(page, "order-detail-en-desktop");
        await page.GotoAsync($"/orders/{second.OrderId}");
        await ScreenshotAsync(page, "order-pending-en-desktop");
        await page.GotoAsync($"/inbox/{lead.ConversationId}");
        await Expect(page.Locator("[data-testid=contact-order]")).ToHaveCountAsync(2);
        await ScreenshotAsync(page, "inbox-contact-orders-en-desktop");
        await page.GotoAsync($"/catalog?edit={product}");
        await Expect(TestId(page, "product-gender")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "catalog-form-en-desktop");
    });

    /// <summary>
    /// An order the assistant takes, and a colleague's status change, show on an open orders list and an open order
    /// without a reload and without a request from the page (pushed over the circuit, docs/dashboard-live.md).
    /// </summary>
    [Fact]
    public Task A_new_order_and_a_status_change_appear_on_the_open_orders_pages_without_a_reload() => RunAsync(async page =>
    {
        var customer = await SampleOrders.CustomerAsync(App.ConnectionString, App.DemoMerchantId, $"مباشر {Guid.NewGuid():N}"[..12]);
        await LoginAsync(page);
        await page.GotoAsync($"/orders?contact={customer.ContactId}");
        await Expect(TestId(page, "orders-empty")).ToBeVisibleAsync();
        await Expect(TestId(page, "orders-live")).ToHaveAttributeAsync("data-live-ready", "true");
        await page.EvaluateAsync("() => { window.liveTestMarker = 'same document'; }");
        var requests = new List<string>();
        page.Request += (_, r) => { lock (requests) requests.Add(r.Url); };

        // The Worker's way of writing an order (straight to the database): the row appears in the open list.
        var order = await SampleOrders.OrderAsync(App.ConnectionString, App.DemoMerchantId, "confirmed",
            [new(null, "شال حرير", 2, 15000)], (customer.ContactId, customer.ConversationId));
        var row = page.Locator($"[data-testid=order-row][data-order-id='{order.OrderId}']");
        await Expect(row).ToHaveAttributeAsync("data-status", "confirmed", new() { Timeout = ReplyTimeout });
        await Expect(row.GetByTestId("order-total")).ToHaveTextAsync("35,000 د.ع");
        // A colleague ships it: the row's status follows.
        await App.ExecuteAsync("UPDATE orders SET status = 'shipped', updated_at = now() WHERE id = @id", ("id", order.OrderId));
        await Expect(row).ToHaveAttributeAsync("data-status", "shipped", new() { Timeout = ReplyTimeout });
        Assert.Equal("same document", await page.EvaluateAsync<string>("() => window.liveTestMarker"));
        lock (requests) Assert.DoesNotContain(requests, u => u.Contains("/orders") || u.Contains("/live/"));

        // The order's own page, open while a colleague delivers it: its status and buttons follow.
        await row.GetByTestId("order-link").ClickAsync();
        var detail = TestId(page, "order-detail");
        await Expect(detail).ToHaveAttributeAsync("data-status", "shipped");
        await Expect(detail).ToHaveAttributeAsync("data-live-ready", "true");
        await Expect(TestId(page, "order-move-delivered")).ToBeVisibleAsync();
        lock (requests) requests.Clear();
        await App.ExecuteAsync("UPDATE orders SET status = 'delivered', updated_at = now() WHERE id = @id", ("id", order.OrderId));
        await Expect(detail).ToHaveAttributeAsync("data-status", "delivered", new() { Timeout = ReplyTimeout });
        await Expect(TestId(page, "order-move-delivered")).ToHaveCountAsync(0);
        await Expect(TestId(page, "order-move-returned")).ToBeVisibleAsync();
        lock (requests) Assert.DoesNotContain(requests, u => u.Contains("/orders") || u.Contains("/live/"));
    });

    /// <summary>Nothing sticks out sideways: no horizontal scrolling at this width.</summary>
    private static async Task AssertFitsTheScreenAsync(Microsoft.Playwright.IPage page)
    {
        var (scroll, width) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => window.innerWidth"));
        Assert.True(scroll <= width, $"the page is {scroll} px wide on a {width} px screen");
    }
}
