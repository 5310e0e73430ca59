using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AiSales.Tests.Infrastructure;
using AiSales.Webhooks.Ingest;
using AiSales.Webhooks.Odoo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Crm.Odoo;

/// <summary>
/// Odoo → AiSales: POST /webhooks/odoo/{merchant} on the Webhooks service (secret as ?token= or HMAC header; unknown
/// merchant 404 and bad secret 401 store nothing; a replay is a no-op; another model is stored and ignored), then the
/// Worker applies the stored body: stage, revenue and probability land on the contact and are not pushed back.
/// </summary>
public sealed class OdooWebhookTests : IAsyncLifetime
{
    private readonly OdooHost _worker = new();
    private WebhooksHost _webhooks = null!;

    public async Task InitializeAsync()
    {
        await _worker.InitializeAsync();
        _webhooks = new WebhooksHost(_worker.ConnectionString, (await TestInfrastructure.GetAsync()).RedisConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _webhooks.DisposeAsync();
        await ((IAsyncLifetime)_worker).DisposeAsync();
    }

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "crm", name));

    private async Task<HttpResponseMessage> PostAsync(string body, string? query = null, string? signature = null, string? merchant = null)
    {
        using var client = _webhooks.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/odoo/{merchant ?? _worker.MerchantId.ToString()}{query}")
        { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null) request.Headers.Add(OdooWebhookApi.SignatureHeader, signature);
        return await client.SendAsync(request);
    }

    private Task<long> DeliveriesAsync() => _worker.ScalarAsync<long>("SELECT count(*) FROM odoo_webhook_deliveries");

    [Fact]
    public async Task Unknown_merchant_and_bad_secrets_are_refused_without_storing()
    {
        var body = Fixture("odoo_webhook_crm_lead_sample_payload_v18plus_from_source.json");
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(body, $"?token={OdooHost.WebhookSecret}", merchant: Guid.NewGuid().ToString())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(body, "?token=wrong-secret")).StatusCode);
        var wrongHmac = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("not-the-secret"), Encoding.UTF8.GetBytes(body)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(body, signature: wrongHmac)).StatusCode);
        Assert.Equal(0L, await DeliveriesAsync());

        var goodHmac = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(OdooHost.WebhookSecret), Encoding.UTF8.GetBytes(body)));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(body, signature: goodHmac)).StatusCode);
        Assert.Equal(1L, await DeliveriesAsync());
    }

    [Fact]
    public async Task A_stage_move_in_Odoo_comes_back_onto_the_contact_once_and_is_not_pushed_back()
    {
        var contact = await _worker.ChatLeadAsync();
        var sync = await _worker.SyncIdAsync("lead", contact);
        await _worker.SyncAsync(sync);
        var leadId = Assert.Single(_worker.Odoo.Records("crm.lead"))["id"]!.GetValue<long>();
        var version = await _worker.ScalarAsync<long>("SELECT version FROM odoo_sync WHERE id = $1", sync);
        var odooRequests = _worker.Odoo.Requests.Count;

        // What Odoo 17+ posts: sorted keys, _action/_id/_model plus id, many2one as a bare int (FACTS §D1).
        var payload = JsonNode.Parse(Fixture("odoo_webhook_crm_lead_sample_payload_v18plus_from_source.json"))!.AsObject();
        payload["_action"] = "AiSales sync(#12)";
        payload["_id"] = leadId;
        payload["id"] = leadId;
        payload["stage_id"] = 4;
        payload["expected_revenue"] = 150000.0;
        payload["probability"] = 100.0;
        var body = payload.ToJsonString();

        var first = await PostAsync(body, $"?token={OdooHost.WebhookSecret}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("stored", await first.Content.ReadAsStringAsync());
        var replay = await PostAsync(body, $"?token={OdooHost.WebhookSecret}");
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("duplicate", await replay.Content.ReadAsStringAsync());
        var delivery = Assert.Single(await _worker.RowsAsync("SELECT id, model, record_id FROM odoo_webhook_deliveries"));
        Assert.Equal(("crm.lead", leadId), ((string)delivery["model"]!, (long)delivery["record_id"]!));

        await _worker.ApplyWebhookAsync((long)delivery["id"]!);
        await _worker.ApplyWebhookAsync((long)delivery["id"]!); // a redelivered job

        var c = await _worker.RowAsync("SELECT stage, crm_stage, expected_revenue_iqd, probability FROM contacts WHERE id = $1", contact);
        Assert.Equal(("won", "Won", 150000L, 100.00m), ((string)c["stage"]!, (string)c["crm_stage"]!, (long)c["expected_revenue_iqd"]!, (decimal)c["probability"]!));
        Assert.Equal("applied", await _worker.ScalarAsync<string>("SELECT outcome FROM odoo_webhook_deliveries WHERE id = $1", delivery["id"]));
        // Not pushed back: the sync row did not move and nothing more was asked of Odoo.
        var row = await _worker.RowAsync("SELECT state, version FROM odoo_sync WHERE id = $1", sync);
        Assert.Equal(("synced", version), ((string)row["state"]!, (long)row["version"]!));
        Assert.Equal(0, await _worker.Scheduler.RunOnceAsync(default));
        Assert.Equal(odooRequests, _worker.Odoo.Requests.Count);
    }

    [Fact]
    public async Task The_Odoo_17_shape_with_the_id_as_a_string_and_a_many2one_pair_is_read_too()
    {
        var contact = await _worker.ChatLeadAsync();
        await _worker.SyncAsync(await _worker.SyncIdAsync("lead", contact));
        var leadId = Assert.Single(_worker.Odoo.Records("crm.lead"))["id"]!.GetValue<long>();

        // Odoo 17's sample: _model + id (no _id); here the id as a string and the stage as [id, name], empty revenue as false.
        var payload = JsonNode.Parse(Fixture("odoo_webhook_crm_lead_sample_payload_v17_from_source.json"))!.AsObject();
        payload["id"] = leadId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        payload["stage_id"] = new JsonArray(2, "Qualified");
        payload["expected_revenue"] = false;
        payload["probability"] = "35.5";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(payload.ToJsonString(), $"?token={OdooHost.WebhookSecret}")).StatusCode);
        await _worker.ApplyWebhookAsync(await _worker.ScalarAsync<long>("SELECT id FROM odoo_webhook_deliveries"));

        var c = await _worker.RowAsync("SELECT stage, crm_stage, expected_revenue_iqd, probability FROM contacts WHERE id = $1", contact);
        Assert.Equal(("interested", "Qualified", null, 35.50m), ((string)c["stage"]!, (string)c["crm_stage"]!, c["expected_revenue_iqd"], (decimal)c["probability"]!));
    }

    [Fact]
    public async Task Two_moves_applied_out_of_order_leave_the_newest_stage()
    {
        var contact = await _worker.ChatLeadAsync();
        await _worker.SyncAsync(await _worker.SyncIdAsync("lead", contact));
        var leadId = Assert.Single(_worker.Odoo.Records("crm.lead"))["id"]!.GetValue<long>();
        string Move(long stage) => new JsonObject { ["_action"] = "AiSales(#3)", ["_id"] = leadId, ["_model"] = "crm.lead", ["id"] = leadId, ["stage_id"] = stage }.ToJsonString();

        // Stored as the endpoint stores them, without their queue messages, so the test decides the order the jobs run in.
        var ids = new List<long>();
        foreach (var stage in new long[] { 2, 3 })
            ids.Add(await _worker.ScalarAsync<long>("""
                INSERT INTO odoo_webhook_deliveries (merchant_id, body, body_sha256, model, record_id)
                VALUES ($1, $2, sha256(convert_to($2, 'UTF8')), 'crm.lead', $3) RETURNING id
                """, _worker.MerchantId, Move(stage), leadId));
        await _worker.ApplyWebhookAsync(ids[1]);
        await _worker.ApplyWebhookAsync(ids[0]);

        Assert.Equal(("ordering", "Proposition"), (await _worker.ScalarAsync<string>("SELECT stage FROM contacts WHERE id = $1", contact),
            await _worker.ScalarAsync<string>("SELECT crm_stage FROM contacts WHERE id = $1", contact)));
        Assert.Equal("superseded", await _worker.ScalarAsync<string>("SELECT outcome FROM odoo_webhook_deliveries WHERE id = $1", ids[0]));
    }

    [Fact]
    public async Task Other_models_are_stored_and_ignored_visibly_and_a_sale_order_cancel_cancels_the_order()
    {
        var other = Fixture("odoo_webhook_real_capture_product_attribute_value.json");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(other, $"?token={OdooHost.WebhookSecret}")).StatusCode);
        var id = await _worker.ScalarAsync<long>("SELECT id FROM odoo_webhook_deliveries");
        await _worker.ApplyWebhookAsync(id);
        var ignored = await _worker.RowAsync("SELECT outcome, detail FROM odoo_webhook_deliveries WHERE id = $1", id);
        Assert.Equal("ignored_model", ignored["outcome"]);
        Assert.Contains("product.template.attribute.value", (string)ignored["detail"]!);

        var contact = await _worker.ChatLeadAsync();
        var order = await _worker.ScalarAsync<Guid>("""
            INSERT INTO orders (merchant_id, contact_id, status, items_total_iqd, total_iqd) VALUES ($1, $2, 'confirmed', 10000, 10000) RETURNING id
            """, _worker.MerchantId, contact);
        await _worker.ExecAsync("INSERT INTO order_items (order_id, merchant_id, product_name, quantity, unit_price_iqd) VALUES ($1, $2, 'Scarf', 1, 10000)", order, _worker.MerchantId);
        await _worker.SyncAsync(await _worker.SyncIdAsync("order", order));
        var so = Assert.Single(_worker.Odoo.Records("sale.order"))["id"]!.GetValue<long>();

        var payload = JsonNode.Parse(Fixture("odoo_webhook_sale_order_sample_payload_v18plus_from_source.json"))!.AsObject();
        (payload["_id"], payload["id"], payload["state"]) = (so, so, "cancel");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(payload.ToJsonString(), $"?token={OdooHost.WebhookSecret}")).StatusCode);
        await _worker.ApplyWebhookAsync(await _worker.ScalarAsync<long>("SELECT max(id) FROM odoo_webhook_deliveries"));
        Assert.Equal("cancelled", await _worker.ScalarAsync<string>("SELECT status FROM orders WHERE id = $1", order));
    }

    private sealed class WebhooksHost(string connectionString, string redis) : WebApplicationFactory<IngestTelemetry>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:aisales", connectionString);
            builder.UseSetting("ConnectionStrings:redis", redis);
            builder.UseSetting("Meta:AppSecrets:0", "test-app-secret-0123456789");
            builder.UseSetting("Meta:VerifyToken", "verify-me-please");
            builder.UseSetting("Security:EncryptionKey", OdooHost.EncryptionKey);
        }
    }
}
