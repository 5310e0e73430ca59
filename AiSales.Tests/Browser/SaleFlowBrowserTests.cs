using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiSales.Tests.Browser;

public sealed class SaleFlowBrowserTests(BrowserAppFixture app) : BrowserTest(app)
{
    /// <summary>
    /// A merchant tries the demo shop in the Simulator as an Iraqi customer would, on a phone: asks a price, picks size and
    /// colour, gives governorate, address and phone, says yes. Between the last two steps the inbox shows the order being
    /// confirmed in the contact panel; after the yes the panel links to the order; asking for a person hands the chat over
    /// and the inbox says why (Arabic and English); the order is on the Orders page. Saves sale-*.png (simulator at 390 px
    /// and desktop, inbox, order, orders) and sale-thread.txt (the dialogue) under TestResults/screenshots to look at as a
    /// merchant would.
    /// </summary>
    [Fact]
    public Task A_customer_buys_in_the_simulator_and_the_merchant_sees_the_order_take_shape() => RunAsync(async page =>
    {
        var customer = await App.NewSimulatedCustomerAsync();
        await page.SetViewportSizeAsync(390, 844);
        await LoginAsync(page);
        await page.GotoAsync($"/simulator?customer={customer}");

        await SayAsync(page, "شكد سعر عباية مطرزة", 1);
        await SayAsync(page, "اريدها قياس L لون اسود", 2);
        await SayAsync(page, "بغداد الكرادة قرب ساحة كهرمانة 07701234567", 3);
        await AssertFitsTheScreenAsync(page);
        await ScreenshotAsync(page, "sale-simulator-ar-phone");
        await Expect(TestId(page, "sim-input")).ToBeInViewportAsync(); // on a phone the field is on screen, no scrolling

        // Before the yes: the inbox shows what the assistant collected, waiting for the customer's confirmation.
        var conversation = await App.ScalarAsync<Guid>("""
            SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id
            WHERE k.merchant_id = @m AND k.external_id = @customer
            """, ("m", App.DemoMerchantId), ("customer", customer));
        await page.SetViewportSizeAsync(1280, 860);
        await page.GotoAsync($"/inbox/{conversation}");
        var sale = TestId(page, "sale-in-progress");
        await Expect(sale).ToHaveAttributeAsync("data-step", "confirming");
        await Expect(sale.GetByTestId("sale-line")).ToContainTextAsync("عباية مطرزة");
        await Expect(sale.GetByTestId("sale-line")).ToContainTextAsync("L");
        await Expect(sale.GetByTestId("sale-phone")).ToHaveTextAsync("07701234567");
        await Expect(sale.GetByTestId("sale-governorate")).ToContainTextAsync("بغداد");
        await ScreenshotAsync(page, "sale-inbox-confirming-ar");

        await page.GotoAsync($"/simulator?customer={customer}");
        await SayAsync(page, "اي", 4);
        await ScreenshotAsync(page, "sale-simulator-ar-desktop");
        await SaveTextAsync("sale-thread", await TestId(page, "sim-thread").InnerTextAsync()); // the whole dialogue, to read

        // The yes placed the order: the panel links to it (the live update brings it without a reload).
        await page.GotoAsync($"/inbox/{conversation}");
        var link = TestId(page, "sale-last-order");
        await Expect(link).ToBeVisibleAsync();
        await Expect(TestId(page, "sale-in-progress")).ToHaveCountAsync(0);
        await Expect(TestId(page, "contact-order")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "sale-inbox-ordered-ar");

        // Then the customer asks for a person: the assistant says so and hands over, and keeps answering until someone
        // writes; the inbox says why, in the list and the thread.
        await page.GotoAsync($"/simulator?customer={customer}");
        await SayAsync(page, "اريد احچي ويه موظف", 5);
        await page.GotoAsync($"/inbox/{conversation}");
        var row = page.Locator($"[data-testid=conversation-row][data-conversation-id='{conversation}']");
        await Expect(row.GetByTestId("attention-reason")).ToHaveTextAsync("طلب التحدث مع موظف");
        await Expect(TestId(page, "thread-attention-reason")).ToHaveTextAsync("طلب التحدث مع موظف");
        await Expect(TestId(page, "thread-ai-answering")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "sale-inbox-handoff-ar");
        await TestId(page, "switch-language").ClickAsync();
        await Expect(row.GetByTestId("attention-reason")).ToHaveTextAsync("Asked for a person");
        await ScreenshotAsync(page, "sale-inbox-handoff-en");
        await TestId(page, "switch-language").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");

        await TestId(page, "sale-last-order").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/orders/[0-9a-f-]{36}$"));
        await Expect(TestId(page, "order-detail")).ToHaveAttributeAsync("data-status", "confirmed");
        await Expect(TestId(page, "order-item")).ToContainTextAsync("عباية مطرزة");
        await ScreenshotAsync(page, "sale-order-ar");
        await TestId(page, "nav-orders").ClickAsync();
        await Expect(page.Locator("[data-testid=order-row]").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "sale-orders-ar");
        await page.SetViewportSizeAsync(390, 844);
        await AssertFitsTheScreenAsync(page);
        await ScreenshotAsync(page, "sale-orders-ar-phone");
    });

    /// <summary>Sends <paramref name="text"/> as the customer's <paramref name="nth"/> message and waits for the assistant's answer.</summary>
    private static async Task SayAsync(IPage page, string text, int nth)
    {
        await TestId(page, "sim-input").FillAsync(text);
        await TestId(page, "sim-send").ClickAsync();
        var thread = TestId(page, "sim-thread");
        await Expect(thread.Locator("[data-testid=sim-message][data-direction=inbound]")).ToHaveCountAsync(nth, new() { Timeout = ReplyTimeout });
        // Answered: the last bubble is the assistant's (the "waiting" line is gone).
        await Expect(TestId(page, "sim-waiting")).ToHaveCountAsync(0, new() { Timeout = ReplyTimeout });
        await Expect(thread.Locator("[data-testid=sim-message]").Last).ToHaveAttributeAsync("data-direction", "outbound");
    }

    private static async Task SaveTextAsync(string name, string text)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await File.WriteAllTextAsync(Path.Combine(ScreenshotDirectory, $"{name}.txt"), text);
    }

    private static async Task AssertFitsTheScreenAsync(IPage page)
    {
        var (scroll, width) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => window.innerWidth"));
        Assert.True(scroll <= width, $"the page is {scroll} px wide on a {width} px screen");
    }
}
