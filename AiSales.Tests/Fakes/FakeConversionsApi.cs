using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiSales.Tests.Fakes;

/// <summary>
/// Meta's Conversions API for datasets: POST /{version}/{dataset id}/events with {"data":[…]} answers
/// {"events_received": n, "messages": [], "fbtrace_id": "…"} as Graph does. A token other than <see cref="ValidToken"/>
/// gets Graph's 190 OAuthException envelope (HTTP 400); a dataset not in <see cref="Datasets"/> gets the 100
/// GraphMethodException "does not exist" envelope; an event without event_name, event_time, action_source or user_data
/// gets a 100 "Invalid parameter" envelope (so a wrong shape fails the test instead of passing quietly). Faults
/// (FailNext/AddRule) answer first, e.g. <see cref="ServerError"/> or <see cref="Throttled"/>. Every accepted event is
/// kept in <see cref="Received"/>, duplicates included: Meta dedupes on event_id, the tests check we never rely on it.
/// </summary>
public sealed class FakeConversionsApi : FakeHttpService
{
    public const string ValidToken = FakeMarketingApi.ValidToken;

    public sealed record ReceivedEvent(string DatasetId, JsonElement Event, string? TestEventCode)
    {
        public string EventName => Event.GetProperty("event_name").GetString()!;
        public string EventId => Event.GetProperty("event_id").GetString()!;
    }

    public ConcurrentDictionary<string, bool> Datasets { get; } = new();
    private readonly ConcurrentQueue<ReceivedEvent> _received = new();
    private int _trace;

    public IReadOnlyList<ReceivedEvent> Received => [.. _received];

    public static async Task<FakeConversionsApi> StartNewAsync(params string[] datasets)
    {
        var fake = new FakeConversionsApi();
        foreach (var d in datasets) fake.Datasets[d] = true;
        await fake.StartAsync();
        return fake;
    }

    /// <summary>Graph's generic server error (code 2, is_transient), HTTP 500.</summary>
    public static FakeFault ServerError => new(500, """
        {"error": {"message": "An unexpected error has occurred. Please retry your request later.", "type": "OAuthException", "is_transient": true, "code": 2, "fbtrace_id": "AFakeTrace500"}}
        """);

    /// <summary>Graph's throttle envelope with one of the rate-limit codes (4 app, 17 user, 32 page, 613 custom), HTTP 400.</summary>
    public static FakeFault Throttled(int code = 17) => new(400, JsonSerializer.Serialize(new
    {
        error = new { message = $"(#{code}) User request limit reached", type = "OAuthException", is_transient = true, code, fbtrace_id = "AFakeTraceThrottle" },
    }));

    protected override void Map(WebApplication app)
    {
        app.MapPost("/{version}/{dataset}/events", async (HttpContext context, string dataset) =>
        {
            if (await RecordAndApplyFaultsAsync(context) is not { } request) return;
            if (request.BearerToken != ValidToken)
            {
                await ErrorAsync(context, 190, "OAuthException",
                    "Error validating access token: Session has expired on Sunday, 06-Dec-26 10:00:00 PST. The current time is Monday, 07-Dec-26 01:00:00 PST.", 463);
                return;
            }
            if (!Datasets.ContainsKey(dataset))
            {
                await ErrorAsync(context, 100, "GraphMethodException",
                    $"Unsupported post request. Object with ID '{dataset}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.", 33);
                return;
            }
            if (request.Json is not { ValueKind: JsonValueKind.Object } body || !body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array
                || data.GetArrayLength() == 0 || data.EnumerateArray().Any(e => !new[] { "event_name", "event_time", "action_source", "user_data" }.All(name => e.TryGetProperty(name, out _))))
            {
                await ErrorAsync(context, 100, "OAuthException", "(#100) Invalid parameter", null);
                return;
            }
            var test = body.TryGetProperty("test_event_code", out var t) ? t.GetString() : null;
            foreach (var e in data.EnumerateArray()) _received.Enqueue(new ReceivedEvent(dataset, e.Clone(), test));
            await context.Response.WriteAsJsonAsync(new
            {
                events_received = data.GetArrayLength(), messages = Array.Empty<string>(), fbtrace_id = $"AFakeTrace{Interlocked.Increment(ref _trace)}",
            });
        });
    }

    private static Task ErrorAsync(HttpContext context, int code, string type, string message, int? subcode)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return context.Response.WriteAsJsonAsync(new { error = new { message, type, code, error_subcode = subcode, fbtrace_id = "AFakeTraceErr" } });
    }
}
