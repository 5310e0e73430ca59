using static Microsoft.Playwright.Assertions;

namespace AiSales.Tests.Browser;

public sealed class LeadsBoardBrowserTests(BrowserAppFixture app) : BrowserTest(app)
{
    [Fact]
    public Task Dragging_a_lead_card_to_another_column_moves_it_to_that_stage() => RunAsync(async page =>
    {
        var lead = await SeededConversation.CreateAsync(App, App.DemoMerchantId, $"عميل {Guid.NewGuid():N}"[..13], "أريد أطلب", stage: "new");
        await LoginAsync(page);
        await page.GotoAsync("/leads");
        var card = page.Locator($"[data-testid=lead-card][data-contact-id='{lead.ContactId}']");
        await Expect(TestId(page, "stage-new").Locator(card)).ToHaveCountAsync(1);

        // A real HTML5 drag (dragstart/dragover/drop) onto the column; app.js posts the move form, the page reloads.
        await card.DragToAsync(TestId(page, "stage-interested"));
        await Expect(TestId(page, "stage-interested").Locator(card)).ToHaveCountAsync(1);
        await Expect(TestId(page, "stage-new").Locator(card)).ToHaveCountAsync(0);
        Assert.Equal("interested", await App.ScalarAsync<string>("SELECT stage FROM contacts WHERE id = @id", ("id", lead.ContactId)));

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
        await Expect(TestId(page, "leads-board")).ToBeVisibleAsync();
        await page.EvaluateAsync("() => { window.liveTestMarker = 'same document'; }");

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

        // The card arrived by a live update, not with the page: its stage menu still works (app.js listens on the document).
        await card.GetByTestId("lead-move").SelectOptionAsync("won");
        await Expect(TestId(page, "stage-won").Locator(card)).ToHaveCountAsync(1);
        Assert.Equal("won", await App.ScalarAsync<string>("SELECT stage FROM contacts WHERE id = @id", ("id", contactId)));
    });
}
