using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiSales.Tests.Fakes;

/// <summary>
/// Odoo's external API over JSON-RPC (<c>POST /jsonrpc</c>) with records in memory: common.version, common.authenticate
/// (<c>false</c> for a bad login or key, an OperationalError for an unknown database, as Odoo does), and
/// object.execute_kw create/write/search_read/read/action_confirm/action_cancel on crm.lead, res.partner, sale.order,
/// product.product and crm.stage. Bad credentials on execute_kw get the AccessDenied error envelope of the fixture;
/// without CRM, crm.* models "don't exist". Search reads honour active_test like Odoo (archived rows hidden unless
/// context.active_test is false). Tests read <see cref="Records"/> to assert "exactly one crm.lead".
/// </summary>
public sealed class FakeOdoo : FakeHttpService
{
    public const string Db = "shop";
    public const string Login = "bot@shop.iq";
    public const string Key = "odoo-api-key-0123456789";
    public const long Uid = 2;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedDictionary<long, JsonObject>> _records = [];
    private long _nextId = 100;
    private readonly HashSet<string> _loseCreateResponse = [];

    public bool HasCrm { get; set; } = true;

    public static async Task<FakeOdoo> StartNewAsync()
    {
        var fake = new FakeOdoo();
        foreach (var (id, name, won) in new[] { (1L, "New", false), (2L, "Qualified", false), (3L, "Proposition", false), (4L, "Won", true) })
            fake.Put("crm.stage", new JsonObject { ["id"] = id, ["name"] = name, ["is_won"] = won, ["sequence"] = id });
        await fake.StartAsync();
        return fake;
    }

    /// <summary>The next create on <paramref name="model"/> stores the record, then answers a server error: "created, but the answer was lost".</summary>
    public void LoseNextCreateResponse(string model) { lock (_gate) _loseCreateResponse.Add(model); }

    /// <summary>A copy of the records of one model.</summary>
    public IReadOnlyList<JsonObject> Records(string model)
    {
        lock (_gate) return _records.TryGetValue(model, out var rows) ? [.. rows.Values.Select(r => (JsonObject)r.DeepClone())] : [];
    }

    /// <summary>Changes a record as a user in Odoo would (no webhook is sent: tests post it themselves).</summary>
    public void Edit(string model, long id, JsonObject vals)
    {
        lock (_gate) foreach (var (k, v) in vals) _records[model][id][k] = v?.DeepClone();
    }

    /// <summary>Deletes a record as a user in Odoo would (unlink).</summary>
    public void Remove(string model, long id) { lock (_gate) _records[model].Remove(id); }

    public long Put(string model, JsonObject record)
    {
        lock (_gate)
        {
            var id = record["id"]?.GetValue<long>() ?? ++_nextId;
            record["id"] = id;
            if (!_records.TryGetValue(model, out var rows)) _records[model] = rows = [];
            rows[id] = record;
            return id;
        }
    }

    protected override void Map(WebApplication app)
    {
        app.MapPost("/jsonrpc", async (HttpContext context) =>
        {
            if (await RecordAndApplyFaultsAsync(context) is not { } request) return;
            var call = JsonNode.Parse(request.Body)!.AsObject();
            var rpcId = call["id"]?.DeepClone();
            var p = call["params"]!.AsObject();
            JsonObject answer;
            try
            {
                var result = Dispatch(p["service"]!.GetValue<string>(), p["method"]!.GetValue<string>(), p["args"]!.AsArray());
                answer = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = rpcId, ["result"] = result };
            }
            catch (OdooFault fault)
            {
                answer = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = rpcId, ["error"] = fault.Error };
            }
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.ToJsonString());
        });
    }

    private JsonNode? Dispatch(string service, string method, JsonArray args)
    {
        switch (service, method)
        {
            case ("common", "version"):
                return new JsonObject { ["server_version"] = "17.0", ["server_version_info"] = new JsonArray(17, 0, 0, "final", 0, ""), ["server_serie"] = "17.0", ["protocol_version"] = 1 };
            case ("common", "authenticate"):
                CheckDb(args[0]!.GetValue<string>());
                return args[1]!.GetValue<string>() == Login && args[2]!.GetValue<string>() == Key ? Uid : false;
            case ("object", "execute_kw"):
                CheckDb(args[0]!.GetValue<string>());
                if (args[1]?.GetValue<long>() != Uid || args[2]!.GetValue<string>() != Key) throw OdooFault.AccessDenied();
                return Execute(args[3]!.GetValue<string>(), args[4]!.GetValue<string>(), args[5]!.AsArray(), args.Count > 6 ? args[6] as JsonObject ?? [] : []);
            default:
                throw OdooFault.Server("builtins.NameError", $"{service}.{method} is not a method");
        }
    }

    private static void CheckDb(string db)
    {
        if (db != Db) throw OdooFault.Server("psycopg2.OperationalError", $"connection to server failed: FATAL:  database \"{db}\" does not exist");
    }

    private JsonNode? Execute(string model, string method, JsonArray args, JsonObject kwargs)
    {
        if (model is not ("crm.lead" or "crm.stage" or "res.partner" or "sale.order" or "product.product") || (!HasCrm && model.StartsWith("crm.", StringComparison.Ordinal)))
            throw OdooFault.Server("odoo.exceptions.UserError", $"Object {model} doesn't exist");
        lock (_gate)
        {
            switch (method)
            {
                case "create":
                    var vals = (JsonObject)args[0]!.DeepClone();
                    if (model == "sale.order") { vals["state"] = "draft"; vals["order_line"] = CreateLines(vals["order_line"] as JsonArray); }
                    if (model == "crm.lead") { vals["stage_id"] ??= 1; vals["active"] ??= true; }
                    if (model == "crm.lead" && vals["name"] is null) throw OdooFault.Server("odoo.exceptions.ValidationError", "name is required");
                    var id = Put(model, vals);
                    if (_loseCreateResponse.Remove(model)) throw OdooFault.Server("builtins.Exception", "connection reset after commit (test)");
                    return id;
                case "write":
                    foreach (var rid in args[0]!.AsArray()) foreach (var (k, v) in (JsonObject)args[1]!) Row(model, rid!.GetValue<long>())[k] = v?.DeepClone();
                    return true;
                case "search_read":
                    var active = kwargs["context"]?["active_test"]?.GetValue<bool>() ?? true;
                    var matches = Rows(model).Where(r => Matches(r, args[0]!.AsArray()) && (!active || r["active"]?.GetValue<bool>() != false));
                    if (kwargs["limit"]?.GetValue<int>() is int limit and > 0) matches = matches.Take(limit);
                    return new JsonArray([.. matches.Select(r => Shape(model, r, kwargs["fields"] as JsonArray))]);
                case "read":
                    return new JsonArray([.. args[0]!.AsArray().Select(i => Shape(model, Row(model, i!.GetValue<long>()), kwargs["fields"] as JsonArray ?? args.ElementAtOrDefault(1) as JsonArray))]);
                case "action_confirm" when model == "sale.order":
                    foreach (var rid in args[0]!.AsArray()) Row(model, rid!.GetValue<long>())["state"] = "sale";
                    return true;
                case "action_cancel" when model == "sale.order":
                    foreach (var rid in args[0]!.AsArray()) Row(model, rid!.GetValue<long>())["state"] = "cancel";
                    return true;
                default:
                    throw OdooFault.Server("builtins.AttributeError", $"The method '{method}' does not exist on the model '{model}'");
            }
        }
    }

    private JsonArray CreateLines(JsonArray? commands)
    {
        var ids = new JsonArray();
        foreach (var command in commands ?? [])
        {
            var c = command!.AsArray();
            if (c[0]!.GetValue<int>() != 0) continue;
            var line = (JsonObject)c[2]!.DeepClone();
            if (line["product_id"] is null) throw OdooFault.Server("psycopg2.errors.CheckViolation", "accountable_required_fields: product required");
            ids.Add(Put("sale.order.line", line));
        }
        return ids;
    }

    private IEnumerable<JsonObject> Rows(string model) => _records.TryGetValue(model, out var rows) ? rows.Values : [];

    private JsonObject Row(string model, long id) =>
        _records.TryGetValue(model, out var rows) && rows.TryGetValue(id, out var row) ? row
            : throw OdooFault.Server("odoo.exceptions.MissingError", $"Record does not exist or has been deleted. (Record: {model}({id},))");

    private static bool Matches(JsonObject row, JsonArray domain) => domain.All(term =>
        term is JsonArray { Count: 3 } t && t[1]!.GetValue<string>() == "=" && JsonNode.DeepEquals(Bare(row[t[0]!.GetValue<string>()]), t[2]));

    private static JsonNode? Bare(JsonNode? value) => value ?? false;

    // read/search_read: only the fields asked for (id always), empty as false, many2one as [id, name].
    private JsonObject Shape(string model, JsonObject row, JsonArray? fields)
    {
        var names = fields?.Select(f => f!.GetValue<string>()).ToList() ?? [.. row.Select(kv => kv.Key)];
        var shaped = new JsonObject { ["id"] = row["id"]!.DeepClone() };
        foreach (var name in names.Where(n => n != "id"))
        {
            var value = row[name]?.DeepClone() ?? false;
            var target = name switch { "stage_id" => "crm.stage", "partner_id" => "res.partner", "product_id" => "product.product", _ => null };
            if (target is not null && value is JsonValue v && v.TryGetValue<long>(out var refId) && _records.TryGetValue(target, out var rows) && rows.TryGetValue(refId, out var referenced))
                value = new JsonArray(refId, referenced["name"]?.DeepClone() ?? false);
            shaped[name] = value;
        }
        return shaped;
    }

    private sealed class OdooFault(JsonObject error) : Exception(error["data"]?["message"]?.ToString())
    {
        public JsonObject Error { get; } = error;

        /// <summary>The error object of the captured AccessDenied response (fixtures/crm), as Odoo sends it.</summary>
        public static OdooFault AccessDenied() =>
            new((JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "crm", "odoo_jsonrpc_error_access_denied_real_odoo15.json")))!["error"]!.DeepClone());

        public static OdooFault Server(string name, string message) => new(new JsonObject
        {
            ["code"] = 200,
            ["message"] = "Odoo Server Error",
            ["data"] = new JsonObject { ["name"] = name, ["debug"] = "Traceback (most recent call last): …", ["message"] = message, ["arguments"] = new JsonArray(message), ["context"] = new JsonObject() },
        });
    }
}
