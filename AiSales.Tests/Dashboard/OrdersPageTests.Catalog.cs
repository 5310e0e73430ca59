using System.Net;
using System.Text.RegularExpressions;

namespace AiSales.Tests.Dashboard;

/// <summary>The catalog form and CSV import round-trip a product's grammatical gender and linked media ids.</summary>
public sealed partial class OrdersPageTests
{
    private static async Task<string> PostProductAsync(HttpClient client, string editUrl, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(editUrl);
        var body = new Dictionary<string, string>
        {
            ["_handler"] = "product", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups[1].Value),
            ["Input.IdText"] = "", ["Input.NameEn"] = "", ["Input.Aliases"] = "", ["Input.PriceIqd"] = "20000", ["Input.Stock"] = "4",
            ["Input.Sizes"] = "", ["Input.Colors"] = "", ["Input.Active"] = "true", ["Input.Gender"] = "", ["Input.MediaIds"] = "",
        };
        foreach (var (k, v) in fields) body[k] = v;
        var response = await client.PostAsync(editUrl, new FormUrlEncodedContent(body));
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.Found, $"{(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task The_product_form_round_trips_gender_and_media_ids()
    {
        var sku = "GEN-" + Guid.NewGuid().ToString("N")[..8];
        using var client = await SignedInAsync();
        await PostProductAsync(client, "/catalog?edit=new", new()
        {
            ["Input.Sku"] = sku, ["Input.NameAr"] = "حقيبة يد", ["Input.Gender"] = "feminine",
            ["Input.MediaIds"] = "17900000001\n1790002_55, ١٢٣، 17841400000000042:story  \r\n17900000001",
        });
        Assert.Equal("feminine|{17900000001,1790002_55,123,17841400000000042:story}", await App.ScalarAsync<string>(
            $"SELECT grammatical_gender || '|' || media_ids::text FROM products WHERE merchant_id = '{Demo}' AND sku = '{sku}'"));
        var id = await App.ScalarAsync<Guid>($"SELECT id FROM products WHERE sku = '{sku}'");

        // Editing shows what was saved; the list row says so too; a pasted media id finds the product.
        var edit = await client.GetStringAsync($"/catalog?edit={id}");
        Assert.Matches("<option value=\"feminine\" selected", edit);
        var textarea = Regex.Match(edit, "<textarea[^>]*product-media-ids[^>]*>[^<]*</textarea>").Value;
        Assert.True(WebUtility.HtmlDecode(textarea).Contains(">17900000001\n1790002_55\n123\n17841400000000042:story<"), textarea);
        var search = await client.GetStringAsync("/catalog?q=1790002_55");
        Assert.Contains($"data-sku=\"{sku}\"", search);
        Assert.Contains("data-testid=\"product-media-count\"", search);

        // Back to "auto" and no media: both cleared.
        await PostProductAsync(client, $"/catalog?edit={id}", new() { ["Input.IdText"] = id.ToString(), ["Input.Sku"] = sku, ["Input.NameAr"] = "حقيبة يد" });
        Assert.Equal("auto|{}", await App.ScalarAsync<string>($"SELECT coalesce(grammatical_gender, 'auto') || '|' || media_ids::text FROM products WHERE id = '{id}'"));

        // A URL pasted instead of an id, a made-up gender or a pasted paragraph as the name is refused with the reason in
        // the merchant's language (not a column name) and saves nothing.
        foreach (var (field, value, reason) in new[]
                 {
                     ("Input.MediaIds", "https://instagram.com/p/abc", "مو معرّف منشور"), ("Input.Gender", "neuter", "جنس الاسم"),
                     ("Input.NameAr", new string('ع', 6000), "أطول من"),
                 })
        {
            var html = await PostProductAsync(client, $"/catalog?edit={id}", new() { ["Input.IdText"] = id.ToString(), ["Input.Sku"] = sku, ["Input.NameAr"] = "حقيبة يد", [field] = value });
            Assert.Contains("data-testid=\"product-error\"", html);
            Assert.Contains(reason, html);
            Assert.DoesNotContain("grammatical_gender must", html);
        }
        Assert.Equal("auto|{}", await App.ScalarAsync<string>($"SELECT coalesce(grammatical_gender, 'auto') || '|' || media_ids::text FROM products WHERE id = '{id}'"));
    }

    [Fact]
    public async Task Csv_import_takes_the_optional_gender_and_media_columns_and_files_without_them_keep_the_values()
    {
        var run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        using var client = await SignedInAsync();
        async Task<string> ImportAsync(string csv)
        {
            var page = await client.GetStringAsync("/catalog");
            using var content = new MultipartFormDataContent
            {
                { new StringContent("import"), "_handler" },
                { new StringContent(WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups[1].Value)), "__RequestVerificationToken" },
                { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "csv", "products.csv" },
            };
            var response = await client.PostAsync("/catalog", content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }
        string Row(string sku) => $"SELECT coalesce(grammatical_gender, 'auto') || '|' || media_ids::text || '|' || price_iqd FROM products WHERE merchant_id = '{Demo}' AND sku = '{sku}'";

        var html = await ImportAsync($"""
            sku,name_ar,price_iqd,stock,grammatical_gender,media_ids
            CSV-{run}-1,ساعة,30000,2,feminine,17900001|17900002
            CSV-{run}-2,حزام,12000,5,,
            CSV-{run}-3,قبعة,9000,1,plural,
            """);
        Assert.Matches("data-imported=\"2\" data-errors=\"1\"", html);
        Assert.Equal("feminine|{17900001,17900002}|30000", await App.ScalarAsync<string>(Row($"CSV-{run}-1")));
        Assert.Equal("auto|{}|12000", await App.ScalarAsync<string>(Row($"CSV-{run}-2")));

        // The original nine columns still import, and leave gender and media ids of existing products alone.
        await ImportAsync($"""
            sku,name_ar,name_en,price_iqd,stock,sizes,colours,aliases,active
            CSV-{run}-1,ساعة,Watch,31000,2,,,,true
            """);
        Assert.Equal("feminine|{17900001,17900002}|31000", await App.ScalarAsync<string>(Row($"CSV-{run}-1")));
    }
}
