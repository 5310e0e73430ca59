using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiSales.Tests.Browser;

public sealed class InboxBrowserTests(BrowserAppFixture app) : BrowserTest(app)
{
    private const string Question = "شگد سعر التيشيرت الاسود؟";
    // The demo catalog's cotton T-shirt is 15,000 IQD; Latin or Arabic-Indic digits, with or without a separator.
    private static readonly System.Text.RegularExpressions.Regex PriceOfTheDemoTShirt = new("15[,٬]?000|١٥[,٬]?٠٠٠");

    [Fact]
    public Task Customer_message_from_the_simulator_appears_in_the_inbox_with_the_bots_reply() => RunAsync(async inbox =>
    {
        await LoginAsync(inbox);
        await inbox.GotoAsync("/inbox");
        await Expect(TestId(inbox, "inbox")).ToBeVisibleAsync();

        // The simulator in a second tab (same login), as a fresh customer (any 5-32 digit id), so its chat starts empty.
        var simulator = await inbox.Context.NewPageAsync();
        var customerId = await App.NewSimulatedCustomerAsync();
        await simulator.GotoAsync($"/simulator?customer={customerId}");
        await Expect(TestId(simulator, "sim-empty")).ToBeVisibleAsync();
        await TestId(simulator, "sim-input").FillAsync(Question);
        await TestId(simulator, "sim-send").ClickAsync();
        await Expect(TestId(simulator, "sim-error")).ToHaveCountAsync(0);

        // Simulator -> signed webhook -> Webhooks -> queue -> Worker (offline responder, sandbox send) -> back on the page.
        var simReply = simulator.Locator("[data-testid=sim-message][data-direction=outbound]");
        await Expect(simReply).ToHaveCountAsync(1, new() { Timeout = ReplyTimeout });
        await Expect(simReply).ToContainTextAsync(PriceOfTheDemoTShirt);
        await simulator.CloseAsync();

        // The inbox tab, opened before the message existed, shows the conversation by itself (app.js live refresh),
        // under the simulated customer's name rather than the raw id.
        var row = TestId(inbox, "conversation-row").Filter(new() { HasText = AiSales.Dashboard.Simulator.SimulatorSession.CustomerName(customerId) });
        await Expect(row).ToHaveCountAsync(1, new() { Timeout = ReplyTimeout });
        // The list updated in place (app.js swaps the live regions, the page never reloads), so one click opens it, even
        // while the reply is still settling (sending → sent) and the list keeps updating.
        await row.Locator("a").ClickAsync();
        await Expect(inbox).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/inbox/[0-9a-f-]{36}"));

        var messages = TestId(inbox, "messages");
        await Expect(messages.Locator("[data-testid=message].in")).ToContainTextAsync(Question);
        var reply = messages.Locator("[data-testid=message].author-ai");
        await Expect(reply).ToHaveCountAsync(1);
        await Expect(reply).ToContainTextAsync(PriceOfTheDemoTShirt);
        await Expect(inbox.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await ScreenshotAsync(inbox, "inbox-arabic");
    });

    [Fact]
    public Task New_message_appears_in_the_open_thread_without_a_reload_and_a_click_right_then_is_not_lost() => RunAsync(async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var open = await SeededConversation.CreateAsync(App, App.DemoMerchantId, $"مباشر {suffix}", "أول رسالة");
        // Earlier history, so the thread scrolls: the update must keep it at the bottom.
        await App.ExecuteAsync("""
            INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, kind, text, external_id, external_timestamp, status)
            SELECT c.merchant_id, c.id, c.channel_account_id, 'inbound', 'customer', 'text', 'سطر قديم ' || g, 'mid-old-' || c.id || '-' || g,
                   now() - interval '2 hours' + g * interval '1 minute', 'received'
            FROM conversations c, generate_series(1, 40) g WHERE c.id = @c
            """, ("c", open.ConversationId));
        var other = await SeededConversation.CreateAsync(App, App.DemoMerchantId, $"ثاني {suffix}", "رسالة المحادثة الثانية");
        await LoginAsync(page);
        await page.GotoAsync($"/inbox/{open.ConversationId}");
        var messages = TestId(page, "messages");
        await Expect(messages).ToContainTextAsync("أول رسالة");
        await WaitLiveAsync(page);
        Assert.True(await AtBottomAsync(messages));

        // Lives only as long as this document: a reload or any navigation drops it.
        await page.EvaluateAsync("() => { window.liveTestMarker = 'same document'; }");
        // A draft in the composer (focused) and in the notes: the pushed update patches around them.
        await TestId(page, "conversation-notes").FillAsync("ملاحظة لم تحفظ");
        const string draft = "مسودة رد";
        await TestId(page, "composer-text").FillAsync(draft);

        const string first = "وصلت رسالة جديدة";
        await CustomerSaysAsync(open.ConversationId, first);
        await Expect(messages.Locator("[data-testid=message].in").Last).ToContainTextAsync(first);
        Assert.Equal("same document", await page.EvaluateAsync<string>("() => window.liveTestMarker"));
        Assert.Equal(draft, await TestId(page, "composer-text").InputValueAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement?.dataset.testid === 'composer-text'"));
        Assert.Equal("ملاحظة لم تحفظ", await TestId(page, "conversation-notes").InputValueAsync());
        Assert.True(await AtBottomAsync(messages));
        var openRow = page.Locator($"[data-testid=conversation-row][data-conversation-id='{open.ConversationId}']");
        await Expect(openRow).ToContainTextAsync(first);

        // A click on another conversation right after an update: an ordinary link, it opens that conversation.
        var otherRow = page.Locator($"[data-testid=conversation-row][data-conversation-id='{other.ConversationId}']");
        await CustomerSaysAsync(open.ConversationId, "رسالة ثانية");
        await otherRow.Locator("a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/inbox/{other.ConversationId}$"));
        await Expect(messages).ToContainTextAsync("رسالة المحادثة الثانية");
        await WaitLiveAsync(page);

        // A click right after an update landed (the thread's head and messages were just patched): it counts once.
        await page.EvaluateAsync("() => { window.liveTestMarker = 'second document'; }");
        await CustomerSaysAsync(other.ConversationId, "ممكن أكلم شخص؟");
        await Expect(messages).ToContainTextAsync("ممكن أكلم شخص؟");
        Assert.Equal("second document", await page.EvaluateAsync<string>("() => window.liveTestMarker"));
        await TestId(page, "takeover").ClickAsync();
        await Expect(TestId(page, "handback")).ToBeVisibleAsync();
        Assert.Equal("human", await App.ScalarAsync<string>("SELECT owner FROM conversations WHERE id = @id", ("id", other.ConversationId)));
    });

    [Fact]
    public Task Read_receipt_and_the_replys_lead_change_show_in_the_open_conversation_without_a_reload() => RunAsync(async page =>
    {
        var seeded = await SeededConversation.CreateAsync(App, App.DemoMerchantId, $"إيصال {Guid.NewGuid():N}"[..14], "هلو");
        var ourMid = $"mid-ours-{seeded.ConversationId}";
        await App.ExecuteAsync("""
            INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, kind, text, external_id, external_timestamp, status)
            SELECT merchant_id, id, channel_account_id, 'outbound', 'ai', 'text', 'هلا بيك', @mid, now(), 'sent' FROM conversations WHERE id = @c
            """, ("c", seeded.ConversationId), ("mid", ourMid));
        await LoginAsync(page);
        await page.GotoAsync($"/inbox/{seeded.ConversationId}");
        await WaitLiveAsync(page);
        var ours = TestId(page, "messages").Locator("[data-testid=message].author-ai [data-testid=delivery-state]");
        await Expect(ours).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("status-sent"));
        var activities = await App.ScalarAsync<long>("SELECT count(*) FROM lead_activities WHERE contact_id = @k", ("k", seeded.ContactId));
        await Expect(TestId(page, "activity")).ToHaveCountAsync((int)activities);
        await page.EvaluateAsync("() => { window.liveTestMarker = 'same document'; }");
        await TestId(page, "conversation-notes").FillAsync("ملاحظة لم تحفظ");
        // Every request the page makes from here: the updates below come over the circuit (pushed), never from polling.
        var requests = new List<string>();
        page.Request += (_, r) => { lock (requests) requests.Add(r.Url); };

        // The customer reads our message (Instagram "read" webhook through the real Webhooks and Worker): no new message,
        // only the status of ours changes, and the open thread shows it.
        var customer = $"igsid-{seeded.ContactId}";
        await App.InstagramEventAsync(customer, $$"""
            "read":{"mid":"{{ourMid}}"}
            """);
        await Expect(ours).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("status-read"), new() { Timeout = ReplyTimeout });

        // Then asks for a price: the AI's reply moves the lead (stage, score, activities), and the contact panel follows.
        await App.InstagramTextAsync(customer, Question);
        await App.WaitForAsync(async () => await App.ScalarAsync<string>("SELECT stage FROM contacts WHERE id = @k", ("k", seeded.ContactId)) != "new");
        var stage = await App.ScalarAsync<string>("SELECT stage FROM contacts WHERE id = @k", ("k", seeded.ContactId));
        await Expect(TestId(page, "contact-stage")).ToHaveTextAsync(AiSales.Dashboard.Localization.UiText.Get($"stage.{stage}", arabic: true), new() { Timeout = ReplyTimeout });
        var now = await App.ScalarAsync<long>("SELECT count(*) FROM lead_activities WHERE contact_id = @k", ("k", seeded.ContactId));
        Assert.True(now > activities);
        await Expect(TestId(page, "activity")).ToHaveCountAsync((int)Math.Min(now, 50), new() { Timeout = ReplyTimeout });
        await Expect(TestId(page, "messages").Locator("[data-testid=message].author-ai")).ToHaveCountAsync(2, new() { Timeout = ReplyTimeout });
        // The customer's message came through the real pipeline (signed webhook → Webhooks → queue → Worker → NOTIFY) into
        // the open conversation with no request from the page.
        await Expect(TestId(page, "messages").Locator("[data-testid=message].in").Last).ToContainTextAsync(Question);
        lock (requests) Assert.DoesNotContain(requests, u => u.Contains("/live/") || u.Contains("/inbox"));

        Assert.Equal("same document", await page.EvaluateAsync<string>("() => window.liveTestMarker"));
        Assert.Equal("ملاحظة لم تحفظ", await TestId(page, "conversation-notes").InputValueAsync());
    });

    /// <summary>
    /// Typing never waits for the live inbox: when its circuit starts (a moment after the page shows) Blazor replaces the
    /// server-rendered inbox with elements of its own. Blazor's script is held back here until the merchant has typed a
    /// note and clicked into the reply box, so the replacement surely comes after both; then the merchant types on at
    /// once. The note keeps its text, the reply box keeps the focus (the keys land in it, not on a removed field), and
    /// the reply is sent. Then, with nothing held back, a reply typed the moment a conversation shows is sent whole.
    /// </summary>
    [Fact]
    public Task Text_typed_and_the_focus_taken_before_the_live_inbox_starts_are_kept() => RunAsync(async page =>
    {
        var seeded = await SeededConversation.CreateAsync(App, App.DemoMerchantId, $"سباق {Guid.NewGuid():N}"[..12], "عدكم أسود؟");
        await LoginAsync(page);
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/_framework/blazor.web*", async route => { await release.Task; await route.ContinueAsync(); });
        await page.GotoAsync($"/inbox/{seeded.ConversationId}", new() { WaitUntil = Microsoft.Playwright.WaitUntilState.Commit });

        // The server-rendered page, before any script: a note typed, then a click into the reply box (focus, nothing typed).
        var notes = TestId(page, "conversation-notes");
        var composer = TestId(page, "composer-text");
        await notes.FillAsync("يريد الأسود");
        await composer.ClickAsync();
        await composer.EvaluateAsync("e => { e.serverRendered = true; }");
        Assert.Null(await TestId(page, "inbox").GetAttributeAsync("data-live-ready"));

        release.SetResult();
        await WaitLiveAsync(page);
        // Replaced: the reply box now is a new element (it lacks the mark put on the server-rendered one).
        Assert.False(await composer.EvaluateAsync<bool>("e => e.serverRendered === true"));
        Assert.Equal("يريد الأسود", await notes.InputValueAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement?.dataset.testid === 'composer-text'"));

        // Keys go to the focused field, as a person's would: the reply box.
        const string answer = "نعم متوفر بالأسود";
        await page.Keyboard.TypeAsync(answer);
        Assert.Equal(answer, await composer.InputValueAsync());
        await TestId(page, "composer-send").ClickAsync();
        await Expect(TestId(page, "messages").Locator("[data-testid=message].out").Last).ToContainTextAsync(answer);

        // The same without holding anything back (one sign-in for both: the login limit counts every test's): a reply
        // typed the moment another conversation shows, the circuit starting meanwhile whenever it does, is sent whole.
        await page.UnrouteAllAsync();
        var other = await SeededConversation.CreateAsync(App, App.DemoMerchantId, $"فوري {Guid.NewGuid():N}"[..12], "بيش القميص؟");
        await page.GotoAsync($"/inbox/{other.ConversationId}", new() { WaitUntil = Microsoft.Playwright.WaitUntilState.Commit });
        const string price = "القميص بخمسة عشر ألف دينار، والتوصيل لكل المحافظات";
        await composer.PressSequentiallyAsync(price);
        Assert.Equal(price, await composer.InputValueAsync());
        await TestId(page, "composer-send").ClickAsync();
        await Expect(TestId(page, "messages").Locator("[data-testid=message].out").Last).ToContainTextAsync(price);
    });

    /// <summary>The interactive inbox is connected and listening for the merchant's changes (LiveComponent).</summary>
    internal static Task WaitLiveAsync(IPage page) =>
        Expect(page.Locator("[data-testid=inbox][data-live-ready=true]")).ToHaveCountAsync(1);

    /// <summary>An inbound message as the pipeline stores it: the message row, and the conversation's times and unread count.</summary>
    private Task CustomerSaysAsync(Guid conversationId, string text) => App.ExecuteAsync("""
        WITH c AS (UPDATE conversations SET last_message_at = now(), last_customer_message_at = now(), unread_count = unread_count + 1, updated_at = now()
                   WHERE id = @c RETURNING id, merchant_id, channel_account_id)
        INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, kind, text, external_id, external_timestamp, status)
        SELECT merchant_id, id, channel_account_id, 'inbound', 'customer', 'text', @text, 'mid-' || gen_random_uuid(), now(), 'received' FROM c
        """, ("c", conversationId), ("text", text));

    private static Task<bool> AtBottomAsync(ILocator scroller) =>
        scroller.EvaluateAsync<bool>("e => e.scrollHeight > e.clientHeight && e.scrollHeight - e.scrollTop - e.clientHeight < 4");

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
        // The Worker sends it through the sandbox sender (same SendMessage path as the AI): the row leaves pending, and the
        // open page shows it by itself (the send settling moves the inbox's change marker).
        await Expect(human.Locator("[data-testid=delivery-state]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("status-(sent|delivered|read)"), new() { Timeout = ReplyTimeout });
        Assert.Contains(await App.ScalarAsync<string>("SELECT status FROM messages WHERE conversation_id = @id AND author = 'human'", ("id", seeded.ConversationId)),
            new[] { "sent", "delivered", "read" });

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
