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
}
