using AiSales.Dashboard.Simulator;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiSales.Tests.Browser;

public sealed class SimulatorBrowserTests(BrowserAppFixture app) : BrowserTest(app)
{
    [Fact]
    public Task The_bots_reply_appears_in_the_same_document_and_the_message_being_typed_is_kept() => RunAsync(async page =>
    {
        // A customer with earlier history, so the thread scrolls: the update must keep it at the bottom.
        var customerId = await App.NewSimulatedCustomerAsync();
        await App.ExecuteAsync("""
            WITH ch AS (SELECT id FROM channel_accounts WHERE merchant_id = @m AND provider = 'sandbox' AND platform = 'instagram' AND status = 'active'
                        ORDER BY created_at LIMIT 1),
            k AS (INSERT INTO contacts (merchant_id, channel_account_id, external_id, display_name, last_customer_message_at)
                  SELECT @m, ch.id, @customer, @name, now() - interval '1 hour' FROM ch RETURNING id, channel_account_id),
            c AS (INSERT INTO conversations (merchant_id, channel_account_id, contact_id, owner, last_message_at, last_customer_message_at)
                  SELECT @m, channel_account_id, id, 'ai', now() - interval '1 hour', now() - interval '1 hour' FROM k RETURNING id, channel_account_id)
            INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, kind, text, external_id, external_timestamp, status)
            SELECT @m, c.id, c.channel_account_id, CASE WHEN g % 2 = 1 THEN 'inbound' ELSE 'outbound' END, CASE WHEN g % 2 = 1 THEN 'customer' ELSE 'ai' END,
                   'text', 'سطر قديم ' || g, 'mid-old-' || c.id || '-' || g, now() - interval '2 hours' + g * interval '1 minute',
                   CASE WHEN g % 2 = 1 THEN 'received' ELSE 'sent' END
            FROM c, generate_series(1, 30) g
            """, ("m", App.DemoMerchantId), ("customer", customerId), ("name", SimulatorSession.CustomerName(customerId)));

        await LoginAsync(page);
        await page.GotoAsync($"/simulator?customer={customerId}");
        var thread = TestId(page, "sim-thread");
        var replies = thread.Locator("[data-testid=sim-message][data-direction=outbound]");
        await Expect(TestId(page, "sim-message")).ToHaveCountAsync(30);
        // Waited for, not read once: the live thread replaces the server-rendered one when its circuit starts, and is
        // scrolled down again right after (app.js, data-stick-bottom).
        await ExpectAtBottomAsync(page);

        // Sending is a plain form post (works without scripts): the one navigation. The page it answers with shows the
        // message as sent and puts the page's GET address in the address bar without navigating.
        const string question = "شگد سعر التيشيرت الاسود؟";
        await TestId(page, "sim-input").FillAsync(question);
        await TestId(page, "sim-send").ClickAsync();
        await Expect(TestId(page, "sim-pending").Or(thread.Locator("[data-testid=sim-message]", new() { HasText = question }))).ToBeVisibleAsync();
        await Expect(TestId(page, "sim-error")).ToHaveCountAsync(0);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/simulator\\?customer={customerId}$"));

        // From here on: lives only as long as this document, so any reload or navigation drops it.
        await page.EvaluateAsync("() => { window.liveTestMarker = 'same document'; }");
        Assert.Equal(15, await replies.CountAsync()); // the reply is yet to come: it must arrive by the live update
        // The developer already types the next message (focused), even before the live thread is up: the box is the
        // page's own, outside the interactive thread, so the update neither waits for it nor touches it.
        const string draft = "وعندكم مقاس";
        await TestId(page, "sim-input").FillAsync(draft);
        // Every request the page makes from here: the reply comes over the circuit (pushed), never from polling.
        var requests = new List<string>();
        page.Request += (_, r) => { lock (requests) requests.Add(r.Url); };

        // Simulator -> signed webhook -> Webhooks -> queue -> Worker (offline responder, sandbox send) -> back on the page.
        await Expect(replies).ToHaveCountAsync(16, new() { Timeout = ReplyTimeout });
        await Expect(thread.Locator("[data-testid=sim-message][data-direction=inbound]").Last).ToContainTextAsync(question);
        await Expect(TestId(page, "sim-pending")).ToHaveCountAsync(0);
        Assert.Equal("same document", await page.EvaluateAsync<string>("() => window.liveTestMarker"));
        Assert.Equal(draft, await TestId(page, "sim-input").InputValueAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement?.dataset.testid === 'sim-input'"));
        await ExpectAtBottomAsync(page);
        await Expect(thread).ToHaveAttributeAsync("data-live-ready", "true");
        lock (requests) Assert.DoesNotContain(requests, u => u.Contains("/simulator") || u.Contains("/live/"));

        // Typing goes on in the same box, after the draft.
        await TestId(page, "sim-input").PressSequentiallyAsync(" L؟");
        Assert.Equal(draft + " L؟", await TestId(page, "sim-input").InputValueAsync());
    });

    private static Task ExpectAtBottomAsync(IPage page) => page.WaitForFunctionAsync("""
        () => { const e = document.querySelector('[data-testid=sim-thread]');
                return e && e.scrollHeight > e.clientHeight && e.scrollHeight - e.scrollTop - e.clientHeight < 4; }
        """);
}
