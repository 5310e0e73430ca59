using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiSales.Dashboard.Apis;

namespace AiSales.Tests.MerchantApi;

/// <summary>GET /api/v1/orders and /orders/{id}: the key's merchant only, filters, paging, and bad input answered 400.</summary>
public sealed partial class MerchantApiTests
{
    [Fact]
    public async Task Orders_are_the_keys_merchants_newest_first_with_their_items()
    {
        using var http = f.Host.Client(f.KeyA);
        var result = await http.GetFromJsonAsync<PagedResult<OrderDto>>("/api/v1/orders", Json);

        Assert.Equal(f.OrdersA.Count, result!.Total);
        Assert.Equal(f.OrdersA.Select(o => o.Order.Id), result.Items.Select(o => o.Id));
        Assert.DoesNotContain(result.Items, o => o.Id == f.OrderB.Id);
        var first = result.Items[0];
        Assert.Equal("confirmed", first.Status);
        Assert.Equal("chat", first.Source);
        Assert.Equal(["Abaya", "Scarf"], first.Items.Select(i => i.ProductName).Order());
        Assert.Equal(2 * 45000 + 10000, first.ItemsTotalIqd);
        Assert.Equal(first.ItemsTotalIqd + 5000, first.TotalIqd);
        Assert.Equal("Basra", first.Governorate);
    }

    [Theory]
    [InlineData("status=shipped", 1)]
    [InlineData("status=confirmed", 1)]
    [InlineData("status=delivered", 0)]
    [InlineData("status=%20Cancelled%20", 1)]
    [InlineData("contact_id={contact0}", 2)]
    [InlineData("contact_id={contact0}&status=cancelled", 1)]
    [InlineData("contact_id={contactB}", 0)]
    public async Task Orders_filter_by_status_and_contact(string query, int expected)
    {
        using var http = f.Host.Client(f.KeyA);
        query = query.Replace("{contact0}", f.ContactsA[0].Id.ToString()).Replace("{contactB}", f.ContactB.Id.ToString());
        var result = await http.GetFromJsonAsync<PagedResult<OrderDto>>($"/api/v1/orders?{query}", Json);
        Assert.Equal(expected, result!.Total);
        Assert.Equal(expected, result.Items.Count);
    }

    [Fact]
    public async Task Orders_page_and_a_huge_page_number_is_just_past_the_end()
    {
        using var http = f.Host.Client(f.KeyA);
        var page1 = await http.GetFromJsonAsync<PagedResult<OrderDto>>("/api/v1/orders?pageSize=2&page=1", Json);
        var page2 = await http.GetFromJsonAsync<PagedResult<OrderDto>>("/api/v1/orders?pageSize=2&page=2", Json);
        Assert.Equal(2, page1!.Items.Count);
        Assert.Single(page2!.Items);
        Assert.Equal(f.OrdersA.Select(o => o.Order.Id), page1.Items.Concat(page2.Items).Select(o => o.Id));

        // (page - 1) * pageSize used to overflow into a negative skip (500) on every list endpoint.
        foreach (var url in new[] { "/api/v1/orders?page=2147483647", "/api/v1/orders?page=2147483647&pageSize=200", "/api/v1/contacts?page=2147483647&pageSize=200",
                     "/api/v1/conversations?page=2147483647&pageSize=7" })
        {
            var response = await http.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(0, doc.RootElement.GetProperty("items").GetArrayLength());
            Assert.True(doc.RootElement.GetProperty("total").GetInt32() > 0, url);
        }
        var tiny = await http.GetFromJsonAsync<PagedResult<OrderDto>>("/api/v1/orders?pageSize=0&page=-5", Json);
        Assert.Equal((1, 1), (tiny!.Page, tiny.PageSize));
    }

    [Theory]
    [InlineData("status=paid", "status")]
    [InlineData("status=1", "status")]
    [InlineData("contact_id=not-a-uuid", "contact_id")]
    [InlineData("page=99999999999", "page")]
    [InlineData("pageSize=abc", "pageSize")]
    public async Task Bad_order_filters_are_400_not_500(string query, string field)
    {
        using var http = f.Host.Client(f.KeyA);
        var response = await http.GetAsync($"/api/v1/orders?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", body); // no stack trace
        if (field is "status" or "contact_id") Assert.Contains(field, body);
    }

    [Fact]
    public async Task One_order_has_its_items_and_another_merchants_is_404()
    {
        using var http = f.Host.Client(f.KeyA);
        var (order, items) = f.OrdersA[0];
        var dto = await http.GetFromJsonAsync<OrderDto>($"/api/v1/orders/{order.Id}", Json);
        Assert.Equal(order.Id, dto!.Id);
        Assert.Equal(order.ContactId, dto.ContactId);
        Assert.Equal(order.ConversationId, dto.ConversationId);
        Assert.Equal(items.OrderBy(i => i.Id).Select(i => (i.ProductName, i.Quantity, i.Size, i.Colour, i.UnitPriceIqd)),
            dto.Items.Select(i => (i.ProductName, i.Quantity, i.Size, i.Colour, i.UnitPriceIqd)));
        Assert.Equal(("Street 14, house 7", "Zubair", "07701234567", 5000L), (dto.Address, dto.City, dto.Phone, dto.DeliveryFeeIqd));

        foreach (var id in new[] { f.OrderB.Id, Guid.NewGuid() })
        {
            var response = await http.GetAsync($"/api/v1/orders/{id}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("secret of B", await response.Content.ReadAsStringAsync());
        }
        using var b = f.Host.Client(f.KeyB);
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync($"/api/v1/orders/{f.OrderB.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await f.Host.Client().GetAsync("/api/v1/orders")).StatusCode);
    }

    [Fact]
    public async Task Orders_are_in_the_openapi_document_with_their_filters()
    {
        using var http = f.Host.Client();
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");
        var list = paths.GetProperty("/api/v1/orders").GetProperty("get");
        Assert.Equal("ListOrders", list.GetProperty("operationId").GetString());
        var parameters = list.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("status", parameters);
        Assert.Contains("contact_id", parameters);
        Assert.Contains("page", parameters);
        Assert.Equal("GetOrder", paths.GetProperty("/api/v1/orders/{id}").GetProperty("get").GetProperty("operationId").GetString());
    }
}
