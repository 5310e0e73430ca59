using System.Text.Json;
using AiSales.Tests.Fakes;
using AiSales.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Commerce;

/// <summary>
/// Products → the merchant's Meta catalog, against a fake Graph speaking items_batch and check_batch_request_status: every
/// change path (plain SQL, the catalog page's save, the staff WhatsApp bot, a CSV import, delete) reaches Meta once with
/// the documented fields; a redelivered or concurrent job, and a retried send, make no second item; Meta's refusals end as
/// a failed product with the reason, a refused token as the "reconnect" state.
/// </summary>
public sealed class CatalogSyncTests : IAsyncLifetime
{
    private readonly CatalogSyncHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_host).DisposeAsync();

    private List<(string Method, JsonElement Data)> Sent() =>
        [.. _host.Meta.ItemRequests.Select(r => (r.Method, JsonDocument.Parse(r.Data.ToJsonString()).RootElement))];

    private static string Field(JsonElement data, string name) => data.GetProperty(name).GetString()!;

    [Fact]
    public async Task A_new_product_is_published_with_the_documented_fields_and_synced_once_Meta_finished_the_batch()
    {
        var id = await _host.ProductAsync("HD-1", "هودي أسود", 32000, 4);
        Assert.Equal("pending", await _host.StateAsync(id));

        await _host.SyncAsync();
        Assert.Equal("sent", await _host.StateAsync(id));
        var post = Assert.Single(_host.Meta.BatchPosts);
        Assert.Equal($"/v24.0/{FakeCommerceGraph.CatalogId}/items_batch", post.Path);
        Assert.Equal(FakeCommerceGraph.ValidToken, post.BearerToken);
        Assert.DoesNotContain(FakeCommerceGraph.ValidToken, post.Path + post.Query);
        Assert.Equal("PRODUCT_ITEM", post.Json!.Value.GetProperty("item_type").GetString());

        var (method, data) = Assert.Single(Sent());
        Assert.Equal("UPDATE", method);
        Assert.Equal("HD-1", Field(data, "id"));
        Assert.Equal("هودي أسود", Field(data, "title"));
        Assert.Equal("هودي أسود — Hoodie", Field(data, "description"));
        Assert.Equal("32000 IQD", Field(data, "price"));
        Assert.Equal("in stock", Field(data, "availability"));
        Assert.Equal("new", Field(data, "condition"));
        Assert.Equal(CatalogSyncHost.ShopUrl, Field(data, "link"));
        Assert.Equal("https://cdn.example/hoodie.jpg", Field(data, "image_link"));
        Assert.Equal("Hoodie House", Field(data, "brand"));

        // The next run reads the batch's status: finished, so the product is synced and Meta holds it under its SKU.
        await _host.SyncAsync();
        Assert.Contains(_host.Meta.Requests, r => r.Path.EndsWith("/check_batch_request_status") && r.Query.Contains("handle=AcFAKEhandle"));
        var row = await _host.RowAsync("SELECT state, remote_retailer_id, error_code FROM catalog_sync WHERE product_id = $1", id);
        Assert.Equal(("synced", "HD-1", null), ((string)row["state"]!, (string?)row["remote_retailer_id"], row["error_code"]));
        Assert.True(_host.Meta.Items.ContainsKey("HD-1"));
    }

    [Fact]
    public async Task A_price_change_on_the_catalog_page_reaches_Meta_once_and_a_redelivered_job_sends_nothing_more()
    {
        var id = await _host.ProductAsync("HD-1", "هودي أسود", 32000, 4);
        await _host.SyncAndCheckAsync();
        var (catalog, _) = _host.Dashboard();
        var product = Assert.Single(await catalog.SearchAsync("HD-1"));
        var form = AiSales.Dashboard.Catalog.ProductForm.From(product);
        form.PriceIqd = 33000;
        Assert.Null(await catalog.SaveAsync(form));
        Assert.Equal("pending", await _host.StateAsync(id));

        // Delivered twice at once, then again after it finished: one batch, one request.
        await Task.WhenAll(_host.SyncAsync(), _host.SyncAsync());
        await _host.SyncAsync();
        await _host.SyncAsync();

        Assert.Equal(2, _host.Meta.BatchPosts.Count);
        var (method, data) = Sent().Last();
        Assert.Equal(("UPDATE", "33000 IQD"), (method, Field(data, "price")));
        Assert.Equal(2, Sent().Count);
        Assert.Equal("33000 IQD", _host.Meta.Items["HD-1"]["price"]!.GetValue<string>());
        Assert.Equal("synced", await _host.StateAsync(id));
    }

    [Fact]
    public async Task A_stock_change_from_the_staff_WhatsApp_bot_marks_the_product_out_of_stock_in_Meta_once()
    {
        var id = await _host.ProductAsync("HD-1", "هودي أسود", 32000, 4);
        await _host.SyncAndCheckAsync();
        await _host.LinkOwnerAsync("9647701000001");

        Assert.Contains("4", await _host.SayAsync("9647701000001", "خلي مخزون الهودي 0"));
        Assert.Contains("تم", await _host.SayAsync("9647701000001", "نعم"));
        Assert.Equal(0, await _host.ScalarAsync<int>("SELECT stock FROM products WHERE id = $1", id));

        await _host.SyncAndCheckAsync();
        await _host.SyncAsync();
        Assert.Equal(2, Sent().Count);
        var (method, data) = Sent().Last();
        Assert.Equal(("UPDATE", "out of stock", "32000 IQD"), (method, Field(data, "availability"), Field(data, "price")));
        Assert.Equal("synced", await _host.StateAsync(id));
    }

    [Fact]
    public async Task A_CSV_import_sends_each_changed_product_once_and_a_product_without_a_photo_fails_with_that_reason()
    {
        var id = await _host.ProductAsync("HD-1", "هودي أسود", 32000, 4);
        await _host.SyncAndCheckAsync();
        var (_, importer) = _host.Dashboard();
        var result = await importer.ImportAsync("sku,name_ar,name_en,price_iqd,stock,sizes,colours,aliases,active\nHD-1,هودي أسود,Hoodie,35000,4,,,,true\nTS-2,تيشيرت,T-shirt,15000,9,,,,true\n");
        Assert.Equal(2, result.Imported);

        await _host.SyncAndCheckAsync();
        await _host.SyncAsync();

        Assert.Equal(2, Sent().Count); // HD-1 twice in all (create, new price); TS-2 never: Meta needs a photo
        Assert.Equal("35000 IQD", Field(Sent().Last().Data, "price"));
        var tshirt = await _host.ScalarAsync<Guid>("SELECT id FROM products WHERE sku = 'TS-2'");
        var failed = await _host.RowAsync("SELECT state, error_code FROM catalog_sync WHERE product_id = $1", tshirt);
        Assert.Equal(("failed", "no_image"), ((string)failed["state"]!, (string?)failed["error_code"]));

        // The photo arrives: the trigger marks it again and it goes up.
        await _host.ExecAsync("UPDATE products SET image_url = 'https://cdn.example/tshirt.jpg' WHERE id = $1", tshirt);
        await _host.SyncAndCheckAsync();
        Assert.Equal("synced", await _host.StateAsync(tshirt));
        Assert.Equal("synced", await _host.StateAsync(id));
        Assert.Equal("15000 IQD", _host.Meta.Items["TS-2"]["price"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deleting_a_product_sends_a_DELETE_and_an_inactive_one_stays_listed_as_out_of_stock()
    {
        var hoodie = await _host.ProductAsync("HD-1", "هودي أسود", 32000, 4);
        var cap = await _host.ProductAsync("CP-1", "كاب", 9000, 2, "Cap", "كابات");
        await _host.SyncAndCheckAsync();
        var (catalog, _) = _host.Dashboard();

        Assert.True(await catalog.DeleteAsync(hoodie));
        await _host.ExecAsync("UPDATE products SET active = false WHERE id = $1", cap);
        await _host.SyncAndCheckAsync();

        var last = Sent().TakeLast(2).ToDictionary(r => Field(r.Data, "id"));
        Assert.Equal("DELETE", last["HD-1"].Method);
        Assert.Equal(("UPDATE", "out of stock"), (last["CP-1"].Method, Field(last["CP-1"].Data, "availability")));
        Assert.False(_host.Meta.Items.ContainsKey("HD-1"));
        var row = await _host.RowAsync("SELECT state, remote_retailer_id FROM catalog_sync WHERE product_id = $1", hoodie);
        Assert.Equal(("synced", null), ((string)row["state"]!, (string?)row["remote_retailer_id"]));
        // Hidden from the catalog page; kept for orders.
        Assert.DoesNotContain(await catalog.SearchAsync(null), p => p.Id == hoodie);
        Assert.Equal(1L, await _host.ScalarAsync<long>("SELECT count(*) FROM products WHERE id = $1 AND deleted_at IS NOT NULL AND NOT active", hoodie));
        Assert.False(await catalog.DeleteAsync(hoodie));
    }

    [Fact]
    public async Task A_changed_SKU_deletes_the_item_under_the_old_id()
    {
        var id = await _host.ProductAsync("HD-1", "هودي أسود", 32000, 4);
        await _host.SyncAndCheckAsync();
        await _host.ExecAsync("UPDATE products SET sku = 'HD-BLACK' WHERE id = $1", id);
        await _host.SyncAndCheckAsync();

        Assert.Equal(["UPDATE HD-1", "DELETE HD-1", "UPDATE HD-BLACK"], Sent().Select(r => $"{r.Method} {Field(r.Data, "id")}"));
        Assert.Equal(["HD-BLACK"], _host.Meta.Items.Keys);
        Assert.Equal("HD-BLACK", await _host.ScalarAsync<string>("SELECT remote_retailer_id FROM catalog_sync WHERE product_id = $1", id));
    }

    [Fact]
    public async Task A_transient_failure_is_retried_and_gives_up_as_failed_after_the_last_attempt()
    {
        var id = await _host.ProductAsync("HD-1", "هودي أسود", 32000, 4);
        _host.Meta.FailNext(1, FakeCommerceGraph.Transient);
        await _host.SyncAsync();
        var row = await _host.RowAsync("SELECT state, attempts, last_error FROM catalog_sync WHERE product_id = $1", id);
        Assert.Equal(("pending", 1), ((string)row["state"]!, (int)row["attempts"]!));
        Assert.Contains("retry", (string)row["last_error"]!);

        await _host.SyncAndCheckAsync();
        Assert.Equal("synced", await _host.StateAsync(id));
        Assert.Single(_host.Meta.Items);

        // Meta keeps failing: after MaxAttempts (3 here) the product is failed with a plain reason.
        await _host.ExecAsync("UPDATE products SET price_iqd = 30000 WHERE id = $1", id);
        _host.Meta.FailNext(3, FakeCommerceGraph.Transient);
        for (var i = 0; i < 3; i++) await _host.SyncAsync();
        var gaveUp = await _host.RowAsync("SELECT state, error_code FROM catalog_sync WHERE product_id = $1", id);
        Assert.Equal(("failed", "no_answer"), ((string)gaveUp["state"]!, (string?)gaveUp["error_code"]));
    }

    [Fact]
    public async Task Meta_refusing_an_item_in_the_batch_status_fails_that_product_with_Metas_words()
    {
        var ok = await _host.ProductAsync("HD-1", "هودي أسود", 32000, 4);
        var bad = await _host.ProductAsync("HD-2", "هودي أحمر", 32000, 4);
        _host.Meta.RejectLater("HD-2", "Image could not be downloaded");
        await _host.SyncAndCheckAsync();

        Assert.Equal("synced", await _host.StateAsync(ok));
        var row = await _host.RowAsync("SELECT state, error_code, last_error FROM catalog_sync WHERE product_id = $1", bad);
        Assert.Equal(("failed", "meta_rejected", "Image could not be downloaded"), ((string)row["state"]!, (string?)row["error_code"], (string?)row["last_error"]));
    }

    [Fact]
    public async Task A_refused_token_stops_the_sync_in_the_reconnect_state_until_a_new_token_is_saved()
    {
        var id = await _host.ProductAsync("HD-1", "هودي أسود", 32000, 4);
        await _host.ConnectAsync("EAAG-revoked-token");
        await _host.SyncAsync();

        var row = await _host.RowAsync("SELECT state, error_code FROM catalog_sync WHERE product_id = $1", id);
        Assert.Equal(("failed", "token"), ((string)row["state"]!, (string?)row["error_code"]));
        Assert.Equal("needs_reconnect", await _host.ScalarAsync<string>("SELECT status FROM meta_catalogs WHERE merchant_id = $1", _host.MerchantId));
        var posts = _host.Meta.BatchPosts.Count;
        await _host.SyncAsync();
        Assert.Equal(posts, _host.Meta.BatchPosts.Count); // nothing is sent while waiting for a reconnect

        await _host.ConnectAsync(FakeCommerceGraph.ValidToken);
        await _host.ExecAsync("UPDATE products SET stock = 3 WHERE id = $1", id);
        await _host.SyncAndCheckAsync();
        Assert.Equal("synced", await _host.StateAsync(id));
    }

    [Fact]
    public async Task The_scheduler_queues_one_job_per_merchant_with_due_products_and_the_integrations_queue_runs_it()
    {
        var id = await _host.ProductAsync("HD-1", "هودي أسود", 32000, 4);
        var scheduler = _host.Services.GetRequiredService<AiSales.Worker.Commerce.CatalogSyncScheduler>();

        Assert.Equal(1, await scheduler.RunOnceAsync(default));
        Assert.Equal(0, await scheduler.RunOnceAsync(default)); // claimed until its job ends (or RequeueAfter passes)
        await Eventually.UntilAsync(async () => await _host.StateAsync(id) == "sent", "the queued job's send");
        Assert.Single(_host.Meta.BatchPosts);

        // Waiting for a reconnect: not queued.
        await _host.ExecAsync("UPDATE meta_catalogs SET status = 'needs_reconnect', queued_at = NULL WHERE merchant_id = $1", _host.MerchantId);
        Assert.Equal(0, await scheduler.RunOnceAsync(default));
    }
}
