using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace AiSales.Core.Crm.Odoo;

/// <summary>Where and as whom to call a merchant's Odoo. The key is plaintext only in memory, never logged.</summary>
public sealed record OdooEndpoint(string Url, string Database, string Username, string ApiKey)
{
    public override string ToString() => $"{Url} db={Database} user={Username}";
}

/// <summary>
/// Odoo's external API over JSON-RPC (<c>POST /jsonrpc</c>, service common/object), which every Odoo from 8 to 19
/// serves. Each call is one POST with the client's timeout and no retry of its own: a create is not safe to repeat
/// blindly, so the sync job retries as a whole (it searches for its own reference before creating again). Failures
/// come out as <see cref="OdooException"/> with a <see cref="OdooProblem"/> the merchant can be told in plain words.
/// </summary>
public sealed class OdooRpcClient(HttpClient http, ILogger<OdooRpcClient> logger)
{
    private static int _nextId;

    /// <summary>common.version(): proves the URL is an Odoo and says which.</summary>
    public async Task<string?> VersionAsync(OdooEndpoint endpoint, CancellationToken ct)
    {
        var result = await CallAsync(endpoint, "common", "version", new JsonArray(), ct);
        return result is JsonObject o && o["server_version"] is JsonValue v ? v.ToString() : null;
    }

    /// <summary>common.authenticate(db, login, key, {}): the uid. Odoo answers <c>false</c> (not an error) for a bad login or key.</summary>
    public async Task<long> AuthenticateAsync(OdooEndpoint endpoint, CancellationToken ct)
    {
        var result = await CallAsync(endpoint, "common", "authenticate",
            new JsonArray(endpoint.Database, endpoint.Username, endpoint.ApiKey, new JsonObject()), ct);
        var uid = OdooValues.Id(result);
        if (uid is not > 0) throw new OdooException(OdooProblem.BadLogin, "Odoo refused the user name or API key (authenticate returned false).");
        return uid.Value;
    }

    /// <summary>object.execute_kw(db, uid, key, model, method, args, kwargs).</summary>
    public Task<JsonNode?> ExecuteAsync(OdooEndpoint endpoint, long uid, string model, string method, JsonArray args, JsonObject? kwargs, CancellationToken ct) =>
        CallAsync(endpoint, "object", "execute_kw",
            new JsonArray(endpoint.Database, uid, endpoint.ApiKey, model, method, args, kwargs ?? new JsonObject()), ct);

    private async Task<JsonNode?> CallAsync(OdooEndpoint endpoint, string service, string method, JsonArray args, CancellationToken ct)
    {
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["method"] = "call",
            ["params"] = new JsonObject { ["service"] = service, ["method"] = method, ["args"] = args },
            ["id"] = Interlocked.Increment(ref _nextId),
        };
        var what = service == "object" && args.Count > 4 ? $"{args[3]}.{args[4]}" : $"{service}.{method}";
        HttpResponseMessage response;
        string body;
        try
        {
            using var content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json");
            response = await http.PostAsync(JsonRpcUri(endpoint.Url), content, ct);
            body = await response.Content.ReadAsStringAsync(ct);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("Odoo {Call} at {OdooUrl} timed out after {Timeout}", what, endpoint.Url, http.Timeout);
            throw new OdooException(OdooProblem.Timeout, $"Odoo did not answer within {http.Timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning("Odoo {Call} at {OdooUrl} unreachable: {Error}", what, endpoint.Url, e.Message);
            throw new OdooException(OdooProblem.Unreachable, $"Could not reach {endpoint.Url}: {e.Message}");
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
                throw new OdooException(OdooProblem.NotOdoo, $"{endpoint.Url} has no /jsonrpc (HTTP {(int)response.StatusCode}).");
            if (!response.IsSuccessStatusCode) throw FromStatus(response.StatusCode, body, what, endpoint);
        }

        JsonObject envelope;
        try
        {
            envelope = JsonNode.Parse(body) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            throw new OdooException(OdooProblem.NotOdoo, $"{endpoint.Url} answered something other than Odoo's JSON-RPC.");
        }
        if (envelope["error"] is JsonObject error) throw Classify(error, what, endpoint);
        if (!envelope.ContainsKey("result"))
            throw new OdooException(OdooProblem.NotOdoo, $"{endpoint.Url} answered JSON without an Odoo JSON-RPC result.");
        return envelope["result"];
    }

    /// <summary>Odoo's error envelope: error.data.name is the exception class (error.code is always 200, FACTS §C5).</summary>
    private OdooException Classify(JsonObject error, string what, OdooEndpoint endpoint)
    {
        var data = error["data"] as JsonObject;
        var name = Text(data?["name"]) ?? "";
        var message = Text(data?["message"]) ?? Text(error["message"]) ?? "Odoo Server Error";
        logger.LogWarning("Odoo {Call} at {OdooUrl} failed: {ErrorName} {ErrorMessage}", what, endpoint.Url, name, message);
        return new OdooException(ProblemOf(name, message), $"{name}: {message}".TrimStart(':', ' '));
    }

    /// <summary>
    /// An HTTP error instead of a JSON-RPC answer: Odoo's own (its JSON-2 error body, {name, message}, comes with the
    /// status that classes it: 401 for a bad API key) or a proxy's in front of it (502/503/504 while Odoo is down).
    /// </summary>
    private OdooException FromStatus(HttpStatusCode status, string body, string what, OdooEndpoint endpoint)
    {
        JsonObject? error = null;
        try { error = JsonNode.Parse(body) as JsonObject; }
        catch (JsonException) { }
        var name = Text(error?["name"]) ?? "";
        var message = Text(error?["message"]);
        logger.LogWarning("Odoo {Call} at {OdooUrl} answered HTTP {Status}: {ErrorName} {ErrorMessage}", what, endpoint.Url, (int)status, name, message);
        var problem = status switch
        {
            HttpStatusCode.Unauthorized => OdooProblem.BadLogin,
            HttpStatusCode.Forbidden => OdooProblem.AccessDenied,
            HttpStatusCode.GatewayTimeout => OdooProblem.Timeout,
            HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable => OdooProblem.Unreachable,
            _ when message is not null => ProblemOf(name, message),
            _ => OdooProblem.ServerError,
        };
        return new OdooException(problem, message is null ? $"Odoo answered HTTP {(int)status}."
            : $"HTTP {(int)status}{(name.Length > 0 ? " " + name : "")}: {message}");
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Odoo's exception class (odoo.exceptions.*) decides; the message only where Odoo's class says nothing (a missing database or model).</summary>
    private static OdooProblem ProblemOf(string name, string message) => name switch
    {
        _ when message.Contains("database", StringComparison.OrdinalIgnoreCase) && message.Contains("does not exist", StringComparison.OrdinalIgnoreCase)
            => OdooProblem.BadDatabase,
        _ when name.EndsWith("MissingError", StringComparison.Ordinal) => OdooProblem.MissingRecord,
        _ when name.EndsWith("AccessDenied", StringComparison.Ordinal) => OdooProblem.BadLogin,
        _ when name.EndsWith("AccessError", StringComparison.Ordinal) => OdooProblem.AccessDenied,
        _ when message.Contains("doesn't exist", StringComparison.OrdinalIgnoreCase) || name.EndsWith("KeyError", StringComparison.Ordinal)
            => OdooProblem.MissingModel,
        _ => OdooProblem.ServerError,
    };

    /// <summary>The merchant types the address they open Odoo at; "/odoo", "/web…" or "/jsonrpc" after it are dropped.</summary>
    public static Uri JsonRpcUri(string url) => new(NormalizeUrl(url) + "/jsonrpc");

    public static string NormalizeUrl(string url)
    {
        var trimmed = url.Trim().TrimEnd('/');
        foreach (var tail in new[] { "/jsonrpc", "/odoo", "/web/login", "/web" })
            if (trimmed.EndsWith(tail, StringComparison.OrdinalIgnoreCase)) trimmed = trimmed[..^tail.Length];
        return trimmed.TrimEnd('/');
    }
}

/// <summary>What went wrong talking to Odoo, in the categories the Integrations page explains.</summary>
public enum OdooProblem
{
    Unreachable,
    Timeout,
    NotOdoo,
    BadDatabase,
    BadLogin,
    MissingModel,
    /// <summary>A record we know by id was deleted in Odoo (odoo.exceptions.MissingError).</summary>
    MissingRecord,
    AccessDenied,
    ServerError,
    /// <summary>The shop's Odoo was disconnected while records still waited to go.</summary>
    NotConnected,
    /// <summary>The saved API key cannot be decrypted (the server's encryption key changed): it has to be entered again.</summary>
    KeyUnreadable,
}

public sealed class OdooException(OdooProblem problem, string message) : Exception(message)
{
    public OdooProblem Problem { get; } = problem;
}
