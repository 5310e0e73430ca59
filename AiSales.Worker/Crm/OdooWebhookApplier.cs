using System.Text.Json;
using System.Text.Json.Nodes;
using AiSales.Core.Crm.Odoo;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Shop;
using Npgsql;

namespace AiSales.Worker.Crm;

/// <summary>
/// Applies one Odoo webhook POST (stored by AiSales.Webhooks). crm.lead: the stage (its Odoo name into crm_stage, and
/// mapped back through the stage map into the AiSales stage), expected revenue and probability go onto the contact, in a
/// transaction flagged aisales.odoo_inbound so the sync triggers do not push the change back. sale.order: "sale" confirms
/// a pending order, "cancel" cancels it (through <see cref="OrderStatusChanger"/>, stock included). Fields the payload
/// does not carry are read from Odoo. Other models, and records AiSales did not create, are recorded and ignored.
/// A delivery is applied once (processed_at); the same POST replayed was already dropped by its body hash.
/// </summary>
public sealed class OdooWebhookApplier(NpgsqlDataSource dataSource, OdooConnectionStore connections, OdooRpcClient rpc,
    OrderStatusChanger orders, ILogger<OdooWebhookApplier> logger)
{
    private static readonly string[] LeadFields = ["stage_id", "expected_revenue", "probability"];

    public async Task RunAsync(long deliveryId, CancellationToken ct)
    {
        Guid merchantId;
        string body;
        await using (var cmd = dataSource.CreateCommand("SELECT merchant_id, body FROM odoo_webhook_deliveries WHERE id = $1 AND processed_at IS NULL"))
        {
            cmd.Parameters.Add(new() { Value = deliveryId });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return;
            (merchantId, body) = (r.GetGuid(0), r.GetString(1));
        }
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["OdooDeliveryId"] = deliveryId, ["MerchantId"] = merchantId });
        JsonObject? payload;
        try { payload = JsonNode.Parse(body) as JsonObject; }
        catch (JsonException) { payload = null; }
        // Odoo's webhook sends _model/_id (plus id with fields); the older inbound-webhook doc spells them model/id.
        var model = OdooValues.Text(payload?["_model"]) ?? OdooValues.Text(payload?["model"]);
        var recordId = OdooValues.Id(payload?["_id"]) ?? OdooValues.Id(payload?["id"]);
        (string Outcome, string Detail) applied;
        try
        {
            applied = await ApplyAsync(deliveryId, merchantId, payload, model, recordId, ct);
        }
        catch (OdooException e)
        {
            // Reading the record back from Odoo failed: shown on the Integrations page rather than retried blindly.
            applied = ("failed", $"{e.Problem}: {e.Message}");
        }
        var (outcome, detail) = applied;
        await using (var done = dataSource.CreateCommand(
            "UPDATE odoo_webhook_deliveries SET processed_at = now(), outcome = $2, detail = $3, model = $4, record_id = $5 WHERE id = $1"))
        {
            foreach (var v in new object?[] { deliveryId, outcome, detail, model, recordId }) done.Parameters.Add(new() { Value = v ?? DBNull.Value });
            await done.ExecuteNonQueryAsync(ct);
        }
        logger.LogInformation("Odoo webhook {OdooDeliveryId}: {Model} {RecordId} {Outcome} ({Detail})", deliveryId, model, recordId, outcome, detail);
    }

    private async Task<(string, string)> ApplyAsync(long deliveryId, Guid merchantId, JsonObject? payload, string? model, long? recordId, CancellationToken ct) =>
        (payload, model) switch
        {
            (null, _) => ("ignored_invalid", "The body is not a JSON object."),
            ({ } p, "crm.lead") when recordId is { } id => await ApplyLeadAsync(deliveryId, merchantId, id, p, ct),
            ({ } p, "sale.order") when recordId is { } id => await ApplyOrderAsync(merchantId, id, p, ct),
            (_, "crm.lead" or "sale.order") => ("ignored_invalid", "The payload has no _id."),
            _ => ("ignored_model", $"Model '{model ?? "(none)"}' is not crm.lead or sale.order."),
        };

    private async Task<(string, string)> ApplyLeadAsync(long deliveryId, Guid merchantId, long leadId, JsonObject payload, CancellationToken ct)
    {
        Guid contactId;
        string currentStage;
        await using (var find = dataSource.CreateCommand("""
            SELECT c.id, c.stage FROM odoo_sync s JOIN contacts c ON c.id = s.entity_id
            WHERE s.merchant_id = $1 AND s.kind = 'lead' AND s.odoo_model = 'crm.lead' AND s.odoo_id = $2
            """))
        {
            find.Parameters.Add(new() { Value = merchantId });
            find.Parameters.Add(new() { Value = leadId });
            await using var r = await find.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return ("unknown_record", $"crm.lead {leadId} is not a lead AiSales sent.");
            (contactId, currentStage) = (r.GetGuid(0), r.GetString(1));
        }
        var settings = await connections.LoadAsync(merchantId, ct);
        if (settings is null) return ("ignored_invalid", "Odoo is no longer connected.");

        var values = payload;
        if (!LeadFields.Any(payload.ContainsKey))
            values = OdooValues.FirstRow(await ReadAsync(settings, "crm.lead", leadId, LeadFields, ct)) ?? payload;

        var stageId = values.ContainsKey("stage_id") ? OdooValues.Id(values["stage_id"]) : null;
        var stageName = OdooValues.Many2OneName(values["stage_id"])
            ?? settings.Stages.FirstOrDefault(s => s.Id == stageId)?.Name;
        if (stageId is { } sid && stageName is null)
            stageName = OdooValues.Text(OdooValues.FirstRow(await ReadAsync(settings, "crm.stage", sid, ["name"], ct))?["name"]);
        var mapped = stageId is { } id ? settings.StageMap.AiSalesStageFor(id, currentStage) : null;
        var revenue = values.ContainsKey("expected_revenue") ? OdooValues.Number(values["expected_revenue"]) : null;
        var probability = values.ContainsKey("probability") ? OdooValues.Number(values["probability"]) : null;

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Local to this transaction: the contacts trigger skips what Odoo itself reported (no push back, no loop).
        await using (var flag = new NpgsqlCommand("SELECT set_config('aisales.odoo_inbound', 'on', true)", conn, tx))
            await flag.ExecuteNonQueryAsync(ct);
        // One notification of a lead at a time, newest wins: the queue runs jobs in parallel, so two quick moves in Odoo
        // may arrive here in either order; an older one after a newer one was applied changes nothing.
        await using (var order = new NpgsqlCommand("""
            SELECT pg_advisory_xact_lock(hashtext('odoo:crm.lead'), ($2 % 2147483647)::int),
                   EXISTS (SELECT 1 FROM odoo_webhook_deliveries WHERE merchant_id = $1 AND model = 'crm.lead' AND record_id = $2
                           AND id > $3 AND outcome = 'applied')
            """, conn, tx))
        {
            order.Parameters.Add(new() { Value = merchantId });
            order.Parameters.Add(new() { Value = leadId });
            order.Parameters.Add(new() { Value = deliveryId });
            await using var r = await order.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            if (r.GetBoolean(1)) return ("superseded", "A later notification of this lead was already applied.");
        }
        var detail = $"stage {stageName ?? "-"}{(mapped is null ? "" : $" → {mapped}")}, revenue {revenue?.ToString() ?? "-"}, probability {probability?.ToString() ?? "-"}";
        await using (var update = new NpgsqlCommand("""
            UPDATE contacts SET crm_stage = coalesce($2, crm_stage), expected_revenue_iqd = coalesce($3, expected_revenue_iqd),
                probability = coalesce($4, probability), stage = coalesce($5, stage), updated_at = now()
            WHERE id = $1
            """, conn, tx))
        {
            update.Parameters.Add(new() { Value = contactId });
            update.Parameters.Add(new() { Value = (object?)stageName ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            update.Parameters.Add(new() { Value = revenue is { } rev ? (long)Math.Round(Math.Max(0, rev)) : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
            update.Parameters.Add(new() { Value = probability is { } p ? Math.Round(Math.Clamp(p, 0, 100), 2) : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Numeric });
            update.Parameters.Add(new() { Value = (object?)mapped ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            await update.ExecuteNonQueryAsync(ct);
        }
        // Marked in the same transaction, so the next notification of this lead sees it (the ordering check above).
        await using (var mark = new NpgsqlCommand("UPDATE odoo_webhook_deliveries SET processed_at = now(), outcome = 'applied', detail = $2 WHERE id = $1", conn, tx))
        {
            mark.Parameters.Add(new() { Value = deliveryId });
            mark.Parameters.Add(new() { Value = detail });
            await mark.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return ("applied", detail);
    }

    private async Task<(string, string)> ApplyOrderAsync(Guid merchantId, long saleOrderId, JsonObject payload, CancellationToken ct)
    {
        Guid orderId;
        await using (var find = dataSource.CreateCommand(
            "SELECT entity_id FROM odoo_sync WHERE merchant_id = $1 AND kind = 'order' AND odoo_model = 'sale.order' AND odoo_id = $2"))
        {
            find.Parameters.Add(new() { Value = merchantId });
            find.Parameters.Add(new() { Value = saleOrderId });
            if (await find.ExecuteScalarAsync(ct) is not Guid id) return ("unknown_record", $"sale.order {saleOrderId} is not an order AiSales sent.");
            orderId = id;
        }
        var state = OdooValues.Text(payload["state"]);
        if (state is null && !payload.ContainsKey("state") && await connections.LoadAsync(merchantId, ct) is { } settings)
            state = OdooValues.Text(OdooValues.FirstRow(await ReadAsync(settings, "sale.order", saleOrderId, ["state"], ct))?["state"]);
        // "done" (locked) and draft/sent have no AiSales status to move to.
        OrderStatus? target = state switch { "sale" => OrderStatus.Confirmed, "cancel" => OrderStatus.Cancelled, _ => null };
        if (target is null) return ("no_change", $"state {state ?? "-"}");
        var result = await orders.ChangeAsync(new ShopActor(merchantId, null, "odoo"), orderId, target.Value, ct);
        return (result == OrderStatusChange.Changed ? "applied" : "no_change", $"state {state} → {target.Value.ToString().ToLowerInvariant()}: {result}");
    }

    private async Task<JsonNode?> ReadAsync(OdooSettings settings, string model, long id, string[] fields, CancellationToken ct)
    {
        var uid = await rpc.AuthenticateAsync(settings.Endpoint, ct);
        return await rpc.ExecuteAsync(settings.Endpoint, uid, model, "read", new JsonArray(new JsonArray(id)),
            new JsonObject { ["fields"] = new JsonArray([.. fields.Select(f => (JsonNode)f)]) }, ct);
    }
}
