using System.Net.Http.Json;
using AiSales.Core.Operations;
using Microsoft.Extensions.Options;

namespace AiSales.Dashboard.Operations;

/// <summary>
/// The Webhooks service's operator API (queue stats, dead letters, deliveries, unroutable events), called with the
/// X-Ops-Key header from Ops:ApiKey. BaseAddress http://webhooks, resolved by service discovery (services:webhooks:http:0).
/// Every call is bounded and never throws for transport failures: the page shows the error panel instead.
/// </summary>
public sealed class OpsApiClient(HttpClient http, IConfiguration config, ILogger<OpsApiClient> logger)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(6);

    public Task<OpsResult<QueueStats>> QueueStatsAsync(CancellationToken ct = default) => GetAsync<QueueStats>("/api/queue/stats", ct);
    public Task<OpsResult<List<DeadLetterView>>> DeadLettersAsync(CancellationToken ct = default) => GetAsync<List<DeadLetterView>>("/api/queue/dead-letters?limit=50", ct);
    public Task<OpsResult<List<DeliverySummary>>> DeliveriesAsync(string? status, CancellationToken ct = default) =>
        GetAsync<List<DeliverySummary>>(string.IsNullOrEmpty(status) ? "/api/deliveries?limit=30" : $"/api/deliveries?limit=30&status={Uri.EscapeDataString(status)}", ct);
    public Task<OpsResult<List<UnroutableView>>> UnroutableAsync(CancellationToken ct = default) => GetAsync<List<UnroutableView>>("/api/unroutable?limit=30", ct);

    public Task<OpsResult<bool>> RetryDeadLetterAsync(Guid id, CancellationToken ct = default) => SendAsync(HttpMethod.Post, $"/api/queue/dead-letters/{id}/retry", ct);
    public Task<OpsResult<bool>> DiscardDeadLetterAsync(Guid id, CancellationToken ct = default) => SendAsync(HttpMethod.Delete, $"/api/queue/dead-letters/{id}", ct);
    public Task<OpsResult<bool>> ReplayDeliveryAsync(long id, CancellationToken ct = default) => SendAsync(HttpMethod.Post, $"/api/deliveries/{id}/replay", ct);
    public Task<OpsResult<bool>> ResolveUnroutableAsync(Guid id, CancellationToken ct = default) => SendAsync(HttpMethod.Post, $"/api/unroutable/{id}/resolve", ct);

    private async Task<OpsResult<T>> GetAsync<T>(string path, CancellationToken ct)
    {
        var (response, error) = await CallAsync(HttpMethod.Get, path, ct);
        if (response is null) return new(default, error);
        using (response)
        {
            try { return new(await response.Content.ReadFromJsonAsync<T>(ct), null); }
            catch (System.Text.Json.JsonException e) { return new(default, $"{path}: unreadable answer ({e.Message})"); }
        }
    }

    private async Task<OpsResult<bool>> SendAsync(HttpMethod method, string path, CancellationToken ct)
    {
        var (response, error) = await CallAsync(method, path, ct);
        response?.Dispose();
        return new(response is not null, error);
    }

    private async Task<(HttpResponseMessage? Response, string? Error)> CallAsync(HttpMethod method, string path, CancellationToken ct)
    {
        var key = config[$"{OpsOptions.Section}:ApiKey"];
        if (string.IsNullOrEmpty(key)) return (null, "Ops:ApiKey is not configured for the dashboard (env Ops__ApiKey).");
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation(OpsOptions.HeaderName, key);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(CallTimeout);
        try
        {
            var response = await http.SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode) return (response, null);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            response.Dispose();
            return (null, $"{method} {path}: {(int)response.StatusCode} {(body.Length > 200 ? body[..200] : body)}");
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TimeoutException
                                  || e is OperationCanceledException && !ct.IsCancellationRequested || e.GetType().Name == "BrokenCircuitException")
        {
            logger.LogWarning("Webhooks ops API unreachable for {Method} {Path}: {Error}", method, path, e.Message);
            return (null, $"The Webhooks service is not reachable at {http.BaseAddress} ({e.Message}).");
        }
    }
}
