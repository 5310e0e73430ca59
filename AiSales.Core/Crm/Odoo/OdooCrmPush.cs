using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace AiSales.Core.Crm.Odoo;

/// <summary>What the push needs of a contact (an AiSales lead).</summary>
public sealed record LeadSnapshot(Guid ContactId, string? DisplayName, string? Username, string? Phone, string Stage, string Label, int Score, string? Source);

/// <summary>What the push needs of an order.</summary>
public sealed record OrderSnapshot(Guid OrderId, long Number, Guid ContactId, string Status, string? CustomerName, string? Phone,
    string? Governorate, string? City, string? Address, long DeliveryFeeIqd, long TotalIqd, IReadOnlyList<OrderLineSnapshot> Lines);

public sealed record OrderLineSnapshot(string ProductName, string? Sku, Guid? ProductId, int Quantity, string? Size, string? Colour, long UnitPriceIqd);

/// <summary>An authenticated conversation with one Odoo: the endpoint and the uid every execute_kw resends.</summary>
public sealed record OdooSession(OdooRpcClient Rpc, OdooEndpoint Endpoint, long Uid)
{
    public Task<JsonNode?> ExecuteAsync(string model, string method, JsonArray args, JsonObject? kwargs, CancellationToken ct) =>
        Rpc.ExecuteAsync(Endpoint, Uid, model, method, args, kwargs, ct);
}

/// <summary>
/// Writes AiSales leads and orders into Odoo, idempotently. Every record we create carries our reference (res.partner
/// <c>ref</c>, crm.lead <c>referred</c>, sale.order <c>client_order_ref</c> = "aisales:&lt;kind&gt;:&lt;id&gt;"), and
/// before creating we search for it: a job that created the record and died before saving the id finds it again
/// instead of creating a second one. Products: order lines need a product in Odoo, so each line's product is found by
/// <c>default_code</c> (the SKU, or "AISALES-&lt;product id&gt;") or created with the line's name and price.
/// </summary>
public static class OdooCrmPush
{
    public const string DeliveryCode = "AISALES-DELIVERY";

    public static string Reference(string kind, Guid id) => $"aisales:{kind}:{id}";

    // Archived (lost) leads and cancelled orders are still ours: search them too.
    private static JsonObject SearchAll(int limit = 1) => new() { ["limit"] = limit, ["context"] = new JsonObject { ["active_test"] = false } };

    /// <summary>The contact's res.partner: the known id, else the one carrying our reference, else a new one.</summary>
    public static async Task<long> EnsurePartnerAsync(OdooSession odoo, LeadSnapshot lead, long? knownId, CancellationToken ct)
    {
        var vals = new JsonObject { ["name"] = LeadName(lead), ["phone"] = OrFalse(lead.Phone) };
        if (knownId is { } known && await WriteAsync(odoo, "res.partner", known, vals, ct)) return known;
        if (await FindAsync(odoo, "res.partner", "ref", Reference("contact", lead.ContactId), ct) is { } existing)
        {
            await odoo.ExecuteAsync("res.partner", "write", new JsonArray(new JsonArray(existing), vals), null, ct);
            return existing;
        }
        vals["ref"] = Reference("contact", lead.ContactId);
        return Created(await odoo.ExecuteAsync("res.partner", "create", new JsonArray(vals), null, ct));
    }

    /// <summary>Creates or updates the lead's crm.lead; returns its id.</summary>
    public static async Task<long> PushLeadAsync(OdooSession odoo, LeadSnapshot lead, long partnerId, OdooStageMap stages, long? knownId, CancellationToken ct)
    {
        var vals = new JsonObject
        {
            ["name"] = LeadName(lead),
            ["contact_name"] = OrFalse(lead.DisplayName ?? lead.Username),
            ["phone"] = OrFalse(lead.Phone),
            ["partner_id"] = partnerId,
            // Label → Odoo's star priority; the score and the rest in the description (docs/odoo.md).
            ["priority"] = Priority(lead.Label),
            ["description"] = $"AiSales: {lead.Stage}, {lead.Label}, score {lead.Score}/100" + (lead.Source is null ? "" : $", source {lead.Source}"),
        };
        if (stages.OdooStageFor(lead.Stage) is { } stageId) vals["stage_id"] = stageId;
        var reference = Reference("contact", lead.ContactId);
        if (knownId is { } known && await WriteAsync(odoo, "crm.lead", known, vals, ct)) return known;
        if (await FindAsync(odoo, "crm.lead", "referred", reference, ct) is { } existing)
        {
            await odoo.ExecuteAsync("crm.lead", "write", new JsonArray(new JsonArray(existing), vals), null, ct);
            return existing;
        }
        vals["referred"] = reference;
        vals["type"] = "opportunity";
        return Created(await odoo.ExecuteAsync("crm.lead", "create", new JsonArray(vals), null, ct));
    }

    /// <summary>
    /// Creates the order's sale.order (confirmed) if it is not there, then brings its state in line: a confirmed (or
    /// later) order is confirmed in Odoo, a cancelled one cancelled. Returns the id, or null for an order cancelled
    /// before it ever reached Odoo.
    /// </summary>
    public static async Task<long?> PushOrderAsync(OdooSession odoo, OrderSnapshot order, long partnerId, long? knownId, CancellationToken ct)
    {
        var reference = Reference("order", order.OrderId);
        var id = knownId ?? await FindAsync(odoo, "sale.order", "client_order_ref", reference, ct);
        var cancelled = order.Status == "cancelled";
        if (id is null)
        {
            if (cancelled) return null;
            var lines = new JsonArray();
            var products = new Dictionary<string, long>();
            foreach (var line in order.Lines)
            {
                var code = line.Sku is { Length: > 0 } sku ? sku : $"AISALES-{(line.ProductId ?? NameId(line.ProductName)):N}"[..20];
                var product = await EnsureProductAsync(odoo, products, code, line.ProductName, line.UnitPriceIqd, ct);
                var name = string.Join(" / ", new[] { line.ProductName, line.Size, line.Colour }.Where(s => !string.IsNullOrWhiteSpace(s)));
                lines.Add(Line(product, name, line.Quantity, line.UnitPriceIqd));
            }
            if (order.DeliveryFeeIqd > 0)
            {
                var delivery = await EnsureProductAsync(odoo, products, DeliveryCode, "Delivery / التوصيل", order.DeliveryFeeIqd, ct);
                lines.Add(Line(delivery, "Delivery / التوصيل" + (order.Governorate is null ? "" : $" ({order.Governorate})"), 1, order.DeliveryFeeIqd));
            }
            var vals = new JsonObject
            {
                ["partner_id"] = partnerId,
                ["client_order_ref"] = reference,
                ["origin"] = $"AiSales #{order.Number}",
                ["note"] = string.Join(", ", new[] { order.CustomerName, order.Phone, order.Governorate, order.City, order.Address }.Where(s => !string.IsNullOrWhiteSpace(s))),
                ["order_line"] = lines,
            };
            id = Created(await odoo.ExecuteAsync("sale.order", "create", new JsonArray(vals), null, ct));
        }

        var row = OdooValues.FirstRow(await odoo.ExecuteAsync("sale.order", "read", new JsonArray(new JsonArray(id.Value)),
            new JsonObject { ["fields"] = new JsonArray("state") }, ct));
        var state = OdooValues.Text(row?["state"]) ?? "draft";
        if (cancelled && state != "cancel")
            await odoo.ExecuteAsync("sale.order", "action_cancel", new JsonArray(new JsonArray(id.Value)),
                new JsonObject { ["context"] = new JsonObject { ["disable_cancel_warning"] = true } }, ct);
        else if (!cancelled && state is "draft" or "sent")
            await odoo.ExecuteAsync("sale.order", "action_confirm", new JsonArray(new JsonArray(id.Value)), null, ct);
        return id;
    }

    /// <summary>Writes a record known by id; false when it was deleted in Odoo (then it is looked up or made again).</summary>
    private static async Task<bool> WriteAsync(OdooSession odoo, string model, long id, JsonObject vals, CancellationToken ct)
    {
        try
        {
            await odoo.ExecuteAsync(model, "write", new JsonArray(new JsonArray(id), vals.DeepClone()), null, ct);
            return true;
        }
        catch (OdooException e) when (e.Problem == OdooProblem.MissingRecord)
        {
            return false;
        }
    }

    private static JsonArray Line(long productId, string name, int quantity, long unitPrice) =>
        new(0, 0, new JsonObject { ["product_id"] = productId, ["name"] = name, ["product_uom_qty"] = quantity, ["price_unit"] = unitPrice });

    private static async Task<long> EnsureProductAsync(OdooSession odoo, Dictionary<string, long> known, string code, string name, long price, CancellationToken ct)
    {
        if (known.TryGetValue(code, out var cached)) return cached;
        var id = await FindAsync(odoo, "product.product", "default_code", code, ct, includeArchived: false)
            ?? Created(await odoo.ExecuteAsync("product.product", "create",
                new JsonArray(new JsonObject { ["name"] = name, ["default_code"] = code, ["list_price"] = price, ["sale_ok"] = true }), null, ct));
        known[code] = id;
        return id;
    }

    private static async Task<long?> FindAsync(OdooSession odoo, string model, string field, string value, CancellationToken ct, bool includeArchived = true)
    {
        var kwargs = includeArchived ? SearchAll() : new JsonObject { ["limit"] = 1 };
        kwargs["fields"] = new JsonArray("id");
        kwargs["order"] = "id";
        var result = await odoo.ExecuteAsync(model, "search_read", new JsonArray(OdooValues.Domain(field, "=", value)), kwargs, ct);
        return OdooValues.Id(OdooValues.FirstRow(result)?["id"]);
    }

    private static long Created(JsonNode? result) =>
        OdooValues.Id(result is JsonArray { Count: > 0 } list ? list[0] : result)
        ?? throw new OdooException(OdooProblem.ServerError, "Odoo's create returned no id.");

    private static string LeadName(LeadSnapshot lead) =>
        lead.DisplayName ?? lead.Username ?? lead.Phone ?? $"AiSales lead {lead.ContactId.ToString()[..8]}";

    // Odoo's empty is false, not null.
    private static JsonNode OrFalse(string? value) => value is null ? JsonValue.Create(false) : JsonValue.Create(value);

    private static string Priority(string label) => label switch { "hot" => "3", "warm" => "2", _ => "1" };

    // A line without SKU or catalog product: one product per distinct name.
    private static Guid NameId(string name) => new(SHA256.HashData(Encoding.UTF8.GetBytes(name.Trim().ToLowerInvariant()))[..16]);
}
