using System.Net;
using AiSales.Tests.Media;

namespace AiSales.Tests.Dashboard;

/// <summary>A product's photo uploaded on the catalog form (docs/media.md): stored with its hashes, served back to the merchant, and refused in plain words.</summary>
public sealed partial class OrdersPageTests
{
    private async Task<HttpResponseMessage> UploadPhotoAsync(HttpClient client, Guid productId, byte[] bytes, string fileName)
    {
        var page = await client.GetStringAsync($"/catalog?edit={productId}");
        using var content = new MultipartFormDataContent
        {
            { new StringContent("product-photo"), "_handler" },
            { new StringContent(WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups[1].Value)), "__RequestVerificationToken" },
            { new StringContent(productId.ToString()), "PhotoProductId" },
            { new ByteArrayContent(bytes), "photo", fileName },
        };
        return await client.PostAsync($"/catalog?edit={productId}", content);
    }

    [Fact]
    public async Task A_product_photo_is_uploaded_hashed_and_shown_and_a_file_that_is_no_photo_is_refused()
    {
        using var client = await SignedInAsync();
        var id = await App.ScalarAsync<Guid>($"SELECT id FROM products WHERE merchant_id = '{Demo}' ORDER BY sku LIMIT 1");
        var photo = TestImages.ProductPhoto(5, 400, 300, SkiaSharp.SKEncodedImageFormat.Png);

        var saved = await UploadPhotoAsync(client, id, photo, "abaya.png");
        Assert.True(saved.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.Found, $"{(int)saved.StatusCode}");
        Assert.Equal("image/png|3|96", await App.ScalarAsync<string>(
            $"SELECT content_type || '|' || cardinality(dhash) || '|' || length(fine_hash) FROM product_photos WHERE product_id = '{id}'"));
        var edit = await client.GetStringAsync($"/catalog?edit={id}");
        Assert.Contains($"/catalog/photos/{id}", edit);
        var served = await client.GetAsync($"/catalog/photos/{id}");
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(photo, await served.Content.ReadAsByteArrayAsync());

        var refused = await (await UploadPhotoAsync(client, id, "sku,name\n"u8.ToArray(), "products.csv")).Content.ReadAsStringAsync();
        Assert.Contains("product-photo-error", refused);
        Assert.Contains(AiSales.Dashboard.Localization.UiText.Get("catalog.problem.photo.type", true), refused);
        Assert.Equal(photo, await (await client.GetAsync($"/catalog/photos/{id}")).Content.ReadAsByteArrayAsync());
    }
}
