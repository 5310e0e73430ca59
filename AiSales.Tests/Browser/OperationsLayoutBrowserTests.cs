using AiSales.Core.Messaging;
using Microsoft.Playwright;
using Wolverine;
using Wolverine.Util;
using Wolverine.Runtime.Serialization;
using static Microsoft.Playwright.Assertions;

namespace AiSales.Tests.Browser;

/// <summary>
/// The Operations page with a row in each of its tables (a failed webhook delivery with Meta's long error, a dead letter,
/// an unroutable event) at 390 px and 1280 px, Arabic and English. Below 1024 px its tables are a card per row, as the
/// merchant pages' tables are (app.css, table.grid.phone-cards), so no table is wider than its box: a delivery's error
/// and its replay button are on the screen, not scrolled out of sight inside the table. Saves
/// layout-&lt;lang&gt;-&lt;width&gt;-ops.png under TestResults/screenshots.
/// </summary>
public sealed class OperationsLayoutBrowserTests(BrowserAppFixture app) : BrowserTest(app)
{
    private const string MetaError = """
        Graph API 400: {"error":{"message":"(#100) Param recipient[id] must be a valid Instagram-scoped ID for this account","type":"OAuthException","code":100,"error_subcode":2534014,"fbtrace_id":"AxQ7rPz0tNnM3kY1bW9cVfE"}}
        """;

    // Tables (visible ones) wider than the box they sit in, or whose scrolling box scrolls: what an operator would have
    // to scroll sideways inside the page to read.
    private const string TablesTooWideScript = """
        () => Array.from(document.querySelectorAll('main table')).filter(t => t.checkVisibility()).flatMap(t => {
            const box = t.closest('.scroll-x') ?? t.parentElement;
            const width = t.getBoundingClientRect().width;
            return width > box.clientWidth + 1 || box.scrollWidth > box.clientWidth + 1
                ? [`${t.dataset.testid}: ${Math.round(width)} px in a ${box.clientWidth} px box`] : [];
        })
        """;

    [Theory]
    [InlineData(390, 844, "ar")]
    [InlineData(390, 844, "en")]
    [InlineData(1280, 800, "ar")]
    [InlineData(1280, 800, "en")]
    public Task Every_table_fits_the_screen_and_is_a_card_per_row_on_a_phone(int width, int height, string language) => RunAsync(async page =>
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var delivery = await App.ScalarAsync<long>("""
            INSERT INTO webhook_deliveries (platform, object, body, status, event_count, error)
            VALUES ('instagram', 'instagram', '\x7b7d'::bytea, 'failed', 3, @e) RETURNING id
            """, ("e", $"{MetaError.Trim()} [{marker}]"));
        var unroutable = await App.ScalarAsync<Guid>("""
            INSERT INTO unroutable_events (platform, recipient_external_id, event_kind, payload)
            VALUES ('messenger', @r, 'message', '{}') RETURNING id
            """, ("r", "178414" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999)));
        var deadLetter = await InsertDeadLetterAsync(marker);
        try
        {
            await page.SetViewportSizeAsync(width, height);
            await AsPlatformAdminAsync(async () =>
            {
                await LoginAsync(page);
                if (language == "en")
                {
                    if (width < 768) await OpenMenuAsync(page);
                    await TestId(page, "switch-language").ClickAsync();
                    await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
                }
                await page.GotoAsync("/ops");
                await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", language == "ar" ? "rtl" : "ltr");

                var row = page.Locator($"[data-testid=delivery][data-id='{delivery}']");
                await Expect(row.GetByTestId("delivery-error")).ToContainTextAsync(marker);
                await Expect(row.GetByTestId("delivery-replay")).ToBeVisibleAsync();
                await Expect(page.Locator($"[data-testid=dead-letter][data-id='{deadLetter}']")).ToContainTextAsync(marker);
                await Expect(page.Locator($"[data-testid=unroutable][data-id='{unroutable}']")).ToBeVisibleAsync();

                // Below 1024 px the header row gives way to each value's own label; above, these are tables.
                foreach (var table in new[] { "ops-deliveries", "ops-dead-letters", "ops-unroutable" })
                {
                    var head = TestId(page, table).Locator("thead");
                    if (width < 1024) await Expect(head).ToBeHiddenAsync();
                    else await Expect(head).ToBeVisibleAsync();
                }
                var where = $"/ops at {width} px, {language}";
                var tooWide = await page.EvaluateAsync<string[]>(TablesTooWideScript);
                Assert.True(tooWide.Length == 0, $"{where}: tables wider than their box: {string.Join("; ", tooWide)}");
                var scroll = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                var inner = await page.EvaluateAsync<int>("() => window.innerWidth");
                Assert.True(scroll <= inner, $"{where}: the page is {scroll} px wide on a {inner} px screen");
                // On the screen sideways: inside the page's width, not cut off at either edge.
                var replay = await row.GetByTestId("delivery-replay").BoundingBoxAsync();
                Assert.True(replay is { X: >= 0 } r && r.X + r.Width <= inner, $"{where}: the replay button is at {replay?.X} px, {replay?.Width} px wide");

                await ScreenshotAsync(page, $"layout-{language}-{width}-ops");
            });
        }
        finally
        {
            await App.ExecuteAsync("DELETE FROM webhook_deliveries WHERE id = @d", ("d", delivery));
            await App.ExecuteAsync("DELETE FROM unroutable_events WHERE id = @u", ("u", unroutable));
            await App.ExecuteAsync($"DELETE FROM {MessagingHostingExtensions.Schema}.wolverine_dead_letters WHERE id = @i", ("i", deadLetter));
        }
    });

    /// <summary>
    /// A dead letter as Wolverine stores one after the last failed attempt (its own table and envelope encoding): the
    /// page reads it through Wolverine's dead-letter API, so it has to be Wolverine's format. Not replayable, so the
    /// running Worker leaves it where it is.
    /// </summary>
    private async Task<Guid> InsertDeadLetterAsync(string marker)
    {
        var envelope = new Envelope
        {
            Id = Guid.NewGuid(),
            MessageType = typeof(SendMessage).ToMessageTypeName(),
            ContentType = "application/json",
            Data = """{"messageId":"00000000-0000-0000-0000-000000000000"}"""u8.ToArray(),
            Attempts = 5,
        };
        await App.ExecuteAsync($"""
            INSERT INTO {MessagingHostingExtensions.Schema}.wolverine_dead_letters (id, execution_time, body, message_type, received_at, source, exception_type, exception_message, sent_at, replayable)
            VALUES (@id, NULL, @body, @type, @queue, 'aisales-worker', 'Npgsql.PostgresException', @message, now(), false)
            """, ("id", envelope.Id), ("body", EnvelopeSerializer.Serialize(envelope)), ("type", envelope.MessageType!), ("queue", $"postgresql://{MessageQueues.Sends}/"),
            ("message", $"40P01: deadlock detected. DETAIL: Process 41235 waits for ShareLock on transaction 99812; blocked by process 41187. [{marker}]"));
        return envelope.Id;
    }
}
