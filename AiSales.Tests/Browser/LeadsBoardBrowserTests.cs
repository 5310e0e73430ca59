using static Microsoft.Playwright.Assertions;

namespace AiSales.Tests.Browser;

public sealed class LeadsBoardBrowserTests(BrowserAppFixture app) : BrowserTest(app)
{
    [Fact]
    public Task Dragging_a_lead_card_to_another_column_moves_it_to_that_stage() => RunAsync(async page =>
    {
        var lead = await SeededConversation.CreateAsync(App, App.DemoMerchantId, $"عميل {Guid.NewGuid():N}"[..13], "أريد أطلب", stage: "new");
        // The board filtered to this card (a label of its own): on the whole board another contact's update (other tests,
        // the Worker) re-sorts the live column, and a card moving under the pointer would be dragged instead.
        var tag = $"drag-{Guid.NewGuid():N}"[..13];
        await App.ExecuteAsync("UPDATE conversations SET labels = ARRAY[@t] WHERE id = @c", ("t", tag), ("c", lead.ConversationId));
        await LoginAsync(page);
        await page.GotoAsync($"/leads?label=tag:{tag}");
        var card = page.Locator($"[data-testid=lead-card][data-contact-id='{lead.ContactId}']");
        await Expect(TestId(page, "stage-new").Locator(card)).ToHaveCountAsync(1);
        await Expect(TestId(page, "lead-card")).ToHaveCountAsync(1);

        // A real HTML5 drag (dragstart/dragover/drop) onto the column; app.js posts the move form, the page reloads. The
        // columns are the live board's (built anew when its circuit starts): wait for it, so the drop lands on them.
        await Expect(TestId(page, "leads-board")).ToHaveAttributeAsync("data-live-ready", "true");
        await card.DragToAsync(TestId(page, "stage-interested"));
        await App.WaitForAsync(async () => await App.ScalarAsync<string>("SELECT stage FROM contacts WHERE id = @id", ("id", lead.ContactId)) != "new");
        Assert.Equal("interested", await App.ScalarAsync<string>("SELECT stage FROM contacts WHERE id = @id", ("id", lead.ContactId)));
        await Expect(TestId(page, "stage-interested").Locator(card)).ToHaveCountAsync(1);
        await Expect(TestId(page, "stage-new").Locator(card)).ToHaveCountAsync(0);

        // The card's stage menu (the keyboard/no-drag way) posts the same form. The drop reloaded the page: wait until
        // app.js (which wires the menu) has run, or the choice lands before anyone listens for it.
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.Load);
        await card.GetByTestId("lead-move").SelectOptionAsync("ordering");
        await Expect(TestId(page, "stage-ordering").Locator(card)).ToHaveCountAsync(1);
        Assert.Equal("ordering", await App.ScalarAsync<string>("SELECT stage FROM contacts WHERE id = @id", ("id", lead.ContactId)));
    });

    [Fact]
    public Task A_new_lead_and_its_stage_change_appear_on_the_open_board_without_a_reload() => RunAsync(async page =>
    {
        await LoginAsync(page);
        await page.GotoAsync("/leads");
        await Expect(TestId(page, "leads-board")).ToHaveAttributeAsync("data-live-ready", "true");
        await page.EvaluateAsync("() => { window.liveTestMarker = 'same document'; }");
        // Every request the page makes from here: the board's updates come over the circuit (pushed), never from polling.
        var requests = new List<string>();
        page.Request += (_, r) => { lock (requests) requests.Add(r.Url); };

        // A new customer asks for a price (real webhook → Worker → AI reply): the contact appears, and the reply's lead
        // change moves it to the stage it ends in.
        var customer = $"igsid-live-{Guid.NewGuid():N}";
        await App.InstagramTextAsync(customer, "شگد سعر التيشيرت الاسود؟");
        await App.WaitForAsync(async () => await App.ScalarAsync<long>(
            "SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN contacts k ON k.id = c.contact_id WHERE k.external_id = @x AND m.author = 'ai'",
            ("x", customer)) > 0);
        var (contactId, stage) = (await App.ScalarAsync<Guid>("SELECT id FROM contacts WHERE external_id = @x", ("x", customer)),
            await App.ScalarAsync<string>("SELECT stage FROM contacts WHERE external_id = @x", ("x", customer)));
        Assert.NotEqual("new", stage);
        var card = page.Locator($"[data-testid=lead-card][data-contact-id='{contactId}']");
        await Expect(TestId(page, $"stage-{stage}").Locator(card)).ToHaveCountAsync(1, new() { Timeout = ReplyTimeout });
        Assert.Equal("same document", await page.EvaluateAsync<string>("() => window.liveTestMarker"));

        // A colleague moves it (any writer of contacts signals): the card follows to that column.
        await App.ExecuteAsync("UPDATE contacts SET stage = 'lost', updated_at = now() WHERE id = @id", ("id", contactId));
        await Expect(TestId(page, "stage-lost").Locator(card)).ToHaveCountAsync(1, new() { Timeout = ReplyTimeout });
        await Expect(card.GetByTestId("lead-move")).ToHaveValueAsync("lost");
        lock (requests) Assert.DoesNotContain(requests, u => u.Contains("/leads") || u.Contains("/live/"));

        // The card arrived by a live update, not with the page: its stage menu still works (app.js listens on the document).
        await card.GetByTestId("lead-move").SelectOptionAsync("won");
        await Expect(TestId(page, "stage-won").Locator(card)).ToHaveCountAsync(1);
        Assert.Equal("won", await App.ScalarAsync<string>("SELECT stage FROM contacts WHERE id = @id", ("id", contactId)));
    });
}
