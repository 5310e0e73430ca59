using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiSales.Tests.Browser;

public sealed class CatalogBrowserTests(BrowserAppFixture app) : BrowserTest(app)
{
    [Fact]
    public Task Csv_import_adds_the_good_rows_and_reports_the_bad_row_by_its_line() => RunAsync(async page =>
    {
        var run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        string[] good = [$"BR-{run}-1", $"BR-{run}-2"];
        var bad = $"BR-{run}-X";
        var csv = $"""
            sku,name_ar,name_en,price_iqd,stock,sizes,colours,aliases,active
            {good[0]},حقيبة جلد,Leather bag,35000,4,,أسود|بني,شنطة,true
            {bad},قبعة,Cap,not-a-price,3,,,,true
            {good[1]},حزام,Belt,"12,500",10,M|L,,,true
            """;

        await LoginAsync(page);
        await page.GotoAsync("/catalog");
        await TestId(page, "catalog-import").SetInputFilesAsync(new FilePayload
        {
            Name = "products.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await TestId(page, "catalog-import-submit").ClickAsync();

        var result = TestId(page, "import-result");
        await Expect(result).ToHaveAttributeAsync("data-imported", "2");
        await Expect(result).ToHaveAttributeAsync("data-errors", "1");
        // Header is line 1, so the bad row is line 3.
        var error = TestId(page, "import-error");
        await Expect(error).ToHaveCountAsync(1);
        await Expect(error).ToHaveAttributeAsync("data-row", "3");
        await Expect(error).ToContainTextAsync("السعر مو رقم صحيح");

        foreach (var sku in good)
            await Expect(page.Locator($"[data-testid=product-row][data-sku='{sku}']")).ToHaveCountAsync(1);
        await Expect(page.Locator($"[data-testid=product-row][data-sku='{bad}']")).ToHaveCountAsync(0);

        // Still there on a fresh load (saved, not just echoed), and the bad one never reached the database.
        await page.GotoAsync($"/catalog?q=BR-{run}");
        await Expect(TestId(page, "product-row")).ToHaveCountAsync(2);
        Assert.Equal(0L, await App.ScalarAsync<long>("SELECT count(*) FROM products WHERE sku = @s", ("s", bad)));
    });
}
