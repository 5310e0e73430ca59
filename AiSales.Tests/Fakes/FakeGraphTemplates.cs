using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiSales.Tests.Fakes;

/// <summary>
/// WhatsApp templates on the Graph fake: GET /{version}/{waba-id}/message_templates answers the templates registered with
/// <see cref="AddTemplate"/> in Graph's shape ({"data":[{name, language, status, category, parameter_format, components,
/// id}], "paging":{"cursors":{…},"next":…}}), <see cref="TemplatePageSize"/> per page with an absolute next link as Meta
/// gives it. A WABA it does not know gets Graph's answer for an unknown object (HTTP 400, code 100, subcode 33).
/// </summary>
public sealed partial class FakeGraphApi
{
    private readonly ConcurrentDictionary<string, List<JsonObject>> _templates = new(StringComparer.Ordinal);

    public int TemplatePageSize { get; set; } = 2;

    /// <summary>Registers a template of <paramref name="wabaId"/>; <paramref name="components"/> as Graph lists them.</summary>
    public void AddTemplate(string wabaId, string name, string language, string status, string category, JsonArray components, bool named = false)
    {
        var list = _templates.GetOrAdd(wabaId, _ => []);
        lock (list)
            list.Add(new JsonObject
            {
                ["name"] = name, ["parameter_format"] = named ? "NAMED" : "POSITIONAL", ["components"] = components,
                ["language"] = language, ["status"] = status, ["category"] = category, ["id"] = $"{Math.Abs(HashCode.Combine(name, language))}",
            });
    }

    private void MapTemplates(WebApplication app) =>
        app.MapGet("/{version}/{wabaId}/message_templates", async (HttpContext context, string version, string wabaId) =>
        {
            if (await RecordAndApplyFaultsAsync(context) is not { } request) return;
            if (!await AuthorizedAsync(context, request)) return;
            if (!_templates.TryGetValue(wabaId, out var list))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsJsonAsync(new { error = new { message = $"Unsupported get request. Object with ID '{wabaId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.", type = "GraphMethodException", code = 100, error_subcode = 33, fbtrace_id = "FAKEtrace" } });
                return;
            }
            var start = int.TryParse(context.Request.Query["after"], out var a) ? a : 0;
            JsonObject[] page;
            lock (list) page = [.. list.Skip(start).Take(TemplatePageSize).Select(t => (JsonObject)t.DeepClone())];
            var paging = new JsonObject { ["cursors"] = new JsonObject { ["before"] = $"{start}", ["after"] = $"{start + page.Length}" } };
            if (start + page.Length < list.Count)
                paging["next"] = $"https://graph.facebook.com/{version}/{wabaId}/message_templates?fields=name&limit={TemplatePageSize}&after={start + page.Length}";
            await context.Response.WriteAsJsonAsync(new JsonObject { ["data"] = new JsonArray(page), ["paging"] = paging });
        });
}
