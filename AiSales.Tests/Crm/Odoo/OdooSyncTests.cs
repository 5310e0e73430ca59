using System.Text.Json.Nodes;
using AiSales.Tests.Fakes;
using AiSales.Tests.Infrastructure;

namespace AiSales.Tests.Crm.Odoo;

/// <summary>
/// AiSales → Odoo: a chat lead becomes one res.partner + one crm.lead however often its job runs (twice at once, again
/// after "created but the answer was lost"); its stage/label/score changes update that same record; a confirmed order
/// becomes one confirmed sale.order with product lines; failures are recorded, end in "failed" and a retry recovers.
/// </summary>
public sealed class OdooSyncTests : IAsyncLifetime
{
    private readonly OdooHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_host).DisposeAsync();

    [Fact]
    public async Task A_chat_lead_is_pushed_once_under_lost_answers_redeliveries_and_concurrent_jobs()
    {
        var contact = await _host.ChatLeadAsync();
        var sync = await _host.SyncIdAsync("lead", contact);
        Assert.Equal("pending", await _host.ScalarAsync<string>("SELECT state FROM odoo_sync WHERE id = $1", sync));

        // Odoo creates the lead but the answer never arrives (as if the Worker died before saving the id).
        _host.Odoo.LoseNextCreateResponse("crm.lead");
        await _host.SyncAsync(sync);
        var afterCrash = await _host.RowAsync("SELECT state, odoo_id, attempts, last_error FROM odoo_sync WHERE id = $1", sync);
        Assert.Equal(("pending", null, 1), ((string)afterCrash["state"]!, afterCrash["odoo_id"], (int)afterCrash["attempts"]!));
        Assert.Single(_host.Odoo.Records("crm.lead"));

        // The retry, delivered twice and run at the same moment.
        await Task.WhenAll(_host.SyncAsync(sync), _host.SyncAsync(sync));
        await _host.SyncAsync(sync);

        var lead = Assert.Single(_host.Odoo.Records("crm.lead"));
        var partner = Assert.Single(_host.Odoo.Records("res.partner"));
        var row = await _host.RowAsync("SELECT state, odoo_id, odoo_partner_id, attempts, last_error FROM odoo_sync WHERE id = $1", sync);
        Assert.Equal("synced", row["state"]);
        Assert.Equal(lead["id"]!.GetValue<long>(), (long)row["odoo_id"]!);
        Assert.Equal(partner["id"]!.GetValue<long>(), (long)row["odoo_partner_id"]!);
        Assert.Null(row["last_error"]);
        Assert.Equal("Zainab", lead["name"]!.GetValue<string>());
        Assert.Equal($"aisales:contact:{contact}", lead["referred"]!.GetValue<string>());
        Assert.Equal(partner["id"]!.GetValue<long>(), lead["partner_id"]!.GetValue<long>());
        Assert.Equal(1L, lead["stage_id"]!.GetValue<long>()); // "new" → Odoo stage 1
    }

    [Fact]
    public async Task Stage_label_and_score_changes_update_the_same_crm_lead()
    {
        var contact = await _host.ChatLeadAsync();
        var sync = await _host.SyncIdAsync("lead", contact);
        await _host.SyncAsync(sync);
        var id = Assert.Single(_host.Odoo.Records("crm.lead"))["id"]!.GetValue<long>();

        // A plain SQL write (as the lead-ads import does) is caught by the trigger like any other path.
        await _host.ExecAsync("UPDATE contacts SET stage = 'interested', label = 'hot', score = 81 WHERE id = $1", contact);
        Assert.Equal("pending", await _host.ScalarAsync<string>("SELECT state FROM odoo_sync WHERE id = $1", sync));
        await _host.SyncAsync(sync);

        var lead = Assert.Single(_host.Odoo.Records("crm.lead"));
        Assert.Equal(id, lead["id"]!.GetValue<long>());
        Assert.Equal(2L, lead["stage_id"]!.GetValue<long>());
        Assert.Equal("3", lead["priority"]!.GetValue<string>());
        Assert.Contains("score 81/100", lead["description"]!.GetValue<string>());
        Assert.Equal("synced", await _host.ScalarAsync<string>("SELECT state FROM odoo_sync WHERE id = $1", sync));
        Assert.Single(_host.Odoo.Records("res.partner"));

        // A stage with no Odoo stage mapped ("engaged") leaves Odoo's stage alone.
        await _host.ExecAsync("UPDATE contacts SET stage = 'engaged' WHERE id = $1", contact);
        await _host.SyncAsync(sync);
        Assert.Equal(2L, Assert.Single(_host.Odoo.Records("crm.lead"))["stage_id"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_lead_deleted_in_Odoo_is_made_again_on_its_next_change_instead_of_failing_forever()
    {
        var contact = await _host.ChatLeadAsync();
        var sync = await _host.SyncIdAsync("lead", contact);
        await _host.SyncAsync(sync);
        var old = Assert.Single(_host.Odoo.Records("crm.lead"))["id"]!.GetValue<long>();
        _host.Odoo.Remove("crm.lead", old);

        await _host.ExecAsync("UPDATE contacts SET score = 40 WHERE id = $1", contact);
        await _host.SyncAsync(sync);

        var lead = Assert.Single(_host.Odoo.Records("crm.lead"));
        Assert.NotEqual(old, lead["id"]!.GetValue<long>());
        var row = await _host.RowAsync("SELECT state, odoo_id FROM odoo_sync WHERE id = $1", sync);
        Assert.Equal(("synced", lead["id"]!.GetValue<long>()), ((string)row["state"]!, (long)row["odoo_id"]!));
    }

    [Fact]
    public async Task A_confirmed_order_becomes_one_confirmed_sale_order_and_a_cancellation_follows()
    {
        var contact = await _host.ChatLeadAsync();
        var order = await OrderAsync(contact, "pending");
        Assert.Equal(0L, await _host.ScalarAsync<long>("SELECT count(*) FROM odoo_sync WHERE kind = 'order'"));

        await _host.ExecAsync("UPDATE orders SET status = 'confirmed' WHERE id = $1", order);
        var sync = await _host.SyncIdAsync("order", order);
        _host.Odoo.LoseNextCreateResponse("sale.order");
        await _host.SyncAsync(sync);
        await Task.WhenAll(_host.SyncAsync(sync), _host.SyncAsync(sync));

        var so = Assert.Single(_host.Odoo.Records("sale.order"));
        Assert.Equal("sale", so["state"]!.GetValue<string>());
        Assert.Equal($"aisales:order:{order}", so["client_order_ref"]!.GetValue<string>());
        Assert.Equal("AiSales #1001", so["origin"]!.GetValue<string>());
        var lines = _host.Odoo.Records("sale.order.line");
        Assert.Equal(2, lines.Count);
        Assert.Contains(lines, l => l["price_unit"]!.GetValue<long>() == 25000 && l["product_uom_qty"]!.GetValue<int>() == 2);
        Assert.Contains(lines, l => l["price_unit"]!.GetValue<long>() == 5000 && l["name"]!.GetValue<string>().StartsWith("Delivery", StringComparison.Ordinal));
        var products = _host.Odoo.Records("product.product");
        Assert.Contains(products, p => p["default_code"]!.GetValue<string>() == "DRESS-RED" && p["list_price"]!.GetValue<long>() == 25000);
        // The order's customer is the lead's partner, made once.
        var partner = Assert.Single(_host.Odoo.Records("res.partner"));
        Assert.Equal(partner["id"]!.GetValue<long>(), so["partner_id"]!.GetValue<long>());
        Assert.Equal("synced", await _host.ScalarAsync<string>("SELECT state FROM odoo_sync WHERE id = $1", sync));

        await _host.ExecAsync("UPDATE orders SET status = 'shipped' WHERE id = $1", order);
        await _host.SyncAsync(sync);
        Assert.Single(_host.Odoo.Records("sale.order"));

        await _host.ExecAsync("UPDATE orders SET status = 'cancelled' WHERE id = $1", order);
        await _host.SyncAsync(sync);
        Assert.Equal("cancel", Assert.Single(_host.Odoo.Records("sale.order"))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Failures_are_recorded_end_in_failed_and_the_page_retry_recovers()
    {
        var contact = await _host.ChatLeadAsync();
        var sync = await _host.SyncIdAsync("lead", contact);
        await _host.ConnectAsync("a-revoked-key");
        for (var i = 0; i < 6; i++) await _host.SyncAsync(sync);

        var failed = await _host.RowAsync("SELECT state, attempts, last_error, odoo_id FROM odoo_sync WHERE id = $1", sync);
        Assert.Equal(("failed", 6), ((string)failed["state"]!, (int)failed["attempts"]!));
        Assert.StartsWith("BadLogin", (string)failed["last_error"]!);
        Assert.Empty(_host.Odoo.Records("crm.lead"));
        // Failed rows are not queued again by themselves.
        await _host.ExecAsync("UPDATE odoo_sync SET next_attempt_at = now() - interval '1 hour'");
        Assert.Equal(0, await _host.Scheduler.RunOnceAsync(default));

        await _host.ConnectAsync(FakeOdoo.Key);
        Assert.Equal(1, await _host.ExecAsync(AiSales.Dashboard.Integrations.OdooIntegration.RetrySql, _host.MerchantId, sync));
        var scheduled = await _host.Scheduler.RunOnceAsync(default);
        Assert.Equal(1, scheduled);
        await Eventually.UntilAsync(async () => await _host.ScalarAsync<string>("SELECT state FROM odoo_sync WHERE id = $1", sync) == "synced", "the sync synced");
        Assert.Single(_host.Odoo.Records("crm.lead"));
    }

    [Fact]
    public async Task Writes_made_as_the_dashboard_role_under_row_level_security_are_marked_too()
    {
        var contact = await _host.ChatLeadAsync();
        var order = await OrderAsync(contact, "pending");
        await _host.ExecAsync("UPDATE odoo_sync SET state = 'synced', synced_version = version");
        // As the dashboard runs merchant work (MerchantData): role aisales_dashboard, app.merchant_id set.
        await _host.ExecAsync($"""
            SET ROLE aisales_dashboard; SELECT set_config('app.merchant_id', '{_host.MerchantId}', false);
            UPDATE contacts SET stage = 'ordering' WHERE id = '{contact}';
            UPDATE orders SET status = 'confirmed' WHERE id = '{order}';
            RESET ROLE;
            """);
        Assert.Equal("pending", await _host.ScalarAsync<string>("SELECT state FROM odoo_sync WHERE kind = 'lead' AND entity_id = $1", contact));
        Assert.Equal("pending", await _host.ScalarAsync<string>("SELECT state FROM odoo_sync WHERE kind = 'order' AND entity_id = $1", order));
        // And the scheduler queues both; the Worker's integrations queue pushes them.
        Assert.Equal(2, await _host.Scheduler.RunOnceAsync(default));
        await Eventually.UntilAsync(async () => await _host.ScalarAsync<long>("SELECT count(*) FROM odoo_sync WHERE state = 'synced'") == 2, "both syncs synced");
        Assert.Equal(3L, Assert.Single(_host.Odoo.Records("crm.lead"))["stage_id"]!.GetValue<long>());
        Assert.Equal("sale", Assert.Single(_host.Odoo.Records("sale.order"))["state"]!.GetValue<string>());
    }

    private async Task<Guid> OrderAsync(Guid contact, string status)
    {
        var order = await _host.ScalarAsync<Guid>("""
            INSERT INTO orders (merchant_id, contact_id, status, customer_name, governorate, phone, items_total_iqd, delivery_fee_iqd, total_iqd)
            VALUES ($1, $2, $3, 'Zainab', 'Baghdad', '07701112233', 50000, 5000, 55000) RETURNING id
            """, _host.MerchantId, contact, status);
        await _host.ExecAsync("""
            INSERT INTO order_items (order_id, merchant_id, product_name, sku, quantity, size, unit_price_iqd) VALUES ($1, $2, 'فستان أحمر', 'DRESS-RED', 2, 'M', 25000)
            """, order, _host.MerchantId);
        return order;
    }
}
