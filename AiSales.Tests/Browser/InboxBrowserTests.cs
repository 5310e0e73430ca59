using AiSales.Core.Simulator;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiSales.Tests.Browser;

public sealed class InboxBrowserTests(BrowserAppFixture app) : BrowserTest(app)
{
    private const string Question = "شگد سعر التيشيرت الاسود؟";

    [Fact]
    public Task Customer_message_from_the_simulator_appears_in_the_inbox_with_the_bots_reply() => RunAsync(async page =>
    {
        await LoginAsync(page);
        await page.GotoAsync("/inbox");
        await Expect(TestId(page, "inbox")).ToBeVisibleAsync();

        // A signed Instagram webhook to the real Webhooks service, exactly what the simulator sends.
        var customerId = $"sim-{Guid.NewGuid():N}"[..20];
        using var http = new HttpClient();
        var simulator = new SimulatorClient(http,
            Options.Create(new SimulatorOptions { WebhooksBaseUrl = App.WebhooksUrl, AppSecret = App.MetaAppSecret }),
            TimeProvider.System, NullLogger<SimulatorClient>.Instance);
        var sent = await simulator.SendCustomerMessageAsync(App.DemoChannelExternalId, customerId, Question);
        Assert.True(sent.Accepted, sent.Error);

        // The open inbox picks the new conversation up by itself (app.js live refresh), no reload from the test.
        var row = TestId(page, "conversation-row").Filter(new() { HasText = customerId });
        await Expect(row).ToHaveCountAsync(1, new() { Timeout = ReplyTimeout });
        await row.Locator("a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/inbox/[0-9a-f-]{36}"));

        var messages = TestId(page, "messages");
        await Expect(messages.Locator("[data-testid=message].in")).ToContainTextAsync(Question);
        // The Worker's offline responder answers from the catalog (the demo T-shirt is 15,000 IQD); sandbox sender records it.
        var reply = messages.Locator("[data-testid=message].author-ai");
        await Expect(reply).ToHaveCountAsync(1, new() { Timeout = ReplyTimeout });
        await Expect(reply).ToContainTextAsync(new System.Text.RegularExpressions.Regex("15[,٬]?000|١٥[,٬]?٠٠٠"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await ScreenshotAsync(page, "inbox-arabic");
    });

    [Fact]
    public Task Human_reply_from_the_composer_then_take_over_and_hand_back() => RunAsync(async page =>
    {
        var seeded = await SeededConversation.CreateAsync(App, App.DemoMerchantId, $"زبون {Guid.NewGuid():N}"[..14], "عدكم توصيل للبصرة؟");
        await LoginAsync(page);
        await page.GotoAsync($"/inbox/{seeded.ConversationId}");
        await Expect(TestId(page, "conversation-owner")).ToHaveTextAsync("الذكاء الاصطناعي");

        await TestId(page, "takeover").ClickAsync();
        await Expect(TestId(page, "handback")).ToBeVisibleAsync();
        await Expect(TestId(page, "takeover")).ToHaveCountAsync(0);
        Assert.Equal("human", await App.ScalarAsync<string>("SELECT owner FROM conversations WHERE id = @id", ("id", seeded.ConversationId)));

        const string answer = "هلا بيك، التوصيل للبصرة ٥٠٠٠ دينار";
        await Expect(TestId(page, "reply-window")).ToHaveAttributeAsync("data-can-send", "true");
        await TestId(page, "composer-text").FillAsync(answer);
        await TestId(page, "composer-send").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("flash=sent"));
        await Expect(TestId(page, "composer-flash")).ToBeVisibleAsync();
        var human = TestId(page, "messages").Locator("[data-testid=message].author-human");
        await Expect(human).ToContainTextAsync(answer);
        // The Worker sends it through the sandbox sender (same SendMessage path as the AI): the row leaves pending.
        await App.WaitForAsync(async () => await App.ScalarAsync<string>(
            "SELECT status FROM messages WHERE conversation_id = @id AND author = 'human'", ("id", seeded.ConversationId)) is "sent" or "delivered" or "read");
        await page.ReloadAsync();
        await Expect(human.Locator("[data-testid=delivery-state]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("status-(sent|delivered|read)"));

        await TestId(page, "handback").ClickAsync();
        await Expect(TestId(page, "takeover")).ToBeVisibleAsync();
        Assert.Equal("ai", await App.ScalarAsync<string>("SELECT owner FROM conversations WHERE id = @id", ("id", seeded.ConversationId)));
    });

    [Fact]
    public Task Another_merchants_conversation_in_the_url_is_404() => RunAsync(async page =>
    {
        var other = Guid.NewGuid();
        await App.ExecuteAsync("""
            INSERT INTO merchants (id, name, slug) VALUES (@id, 'Other shop', 'other-' || @id::text);
            INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, display_name)
            VALUES (@id, 'instagram', 'sandbox', '1784' || substr(md5(@id::text), 1, 12), '@other');
            """, ("id", other));
        var foreign = await SeededConversation.CreateAsync(App, other, "Foreign customer", "secret order");
        var mine = await SeededConversation.CreateAsync(App, App.DemoMerchantId, $"Mine {Guid.NewGuid():N}"[..13], "hello");
        await LoginAsync(page);

        var response = await page.GotoAsync($"/inbox/{foreign.ConversationId}");
        Assert.NotNull(response);
        Assert.Equal(404, response.Status);
        await Expect(page.GetByText("secret order")).ToHaveCountAsync(0);
        await Expect(page.GetByText("Foreign customer")).ToHaveCountAsync(0);

        // Same route, own conversation: found (so the 404 above is the tenant wall, not a broken route).
        var ok = await page.GotoAsync($"/inbox/{mine.ConversationId}");
        Assert.Equal(200, ok!.Status);
        await Expect(TestId(page, "messages")).ToContainTextAsync("hello");
    });
}
