using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AiSales.Tests.Fakes;

/// <summary>
/// Shared machinery of the fakes: a real Kestrel on 127.0.0.1 with a free port, a thread-safe record
/// of every request, and fault injection (the next N requests, or a rule per request).
/// </summary>
public abstract class FakeHttpService : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<FakeFault> _nextFaults = new();
    private readonly ConcurrentBag<Func<RecordedRequest, FakeFault?>> _rules = [];
    private WebApplication? _app;
    private int _open;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Base URL without the trailing slash, the form config values use.</summary>
    public string BaseUrl => BaseAddress.ToString().TrimEnd('/');

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Requests received and not yet answered or abandoned (a hung one stays open until its client gives up).</summary>
    public int OpenRequests => Volatile.Read(ref _open);

    /// <summary>The next <paramref name="count"/> requests get <paramref name="fault"/> instead of the normal answer.</summary>
    public void FailNext(int count, FakeFault fault)
    {
        for (var i = 0; i < count; i++) _nextFaults.Enqueue(fault);
    }

    /// <summary>A standing rule: when it returns a fault for a request (e.g. one recipient), that fault is used.</summary>
    public void AddRule(Func<RecordedRequest, FakeFault?> rule) => _rules.Add(rule);

    protected async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref _open);
            try { await next(context); }
            finally { Interlocked.Decrement(ref _open); }
        });
        Map(app);
        await app.StartAsync();
        _app = app;
        BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
    }

    protected abstract void Map(WebApplication app);

    /// <summary>Records the request and applies any fault; returns the recorded request, or null when a fault answered.</summary>
    protected async Task<RecordedRequest?> RecordAndApplyFaultsAsync(HttpContext context)
    {
        var recorded = await RecordAsync(context);
        var fault = _nextFaults.TryDequeue(out var next) ? next : _rules.Select(r => r(recorded)).FirstOrDefault(f => f is not null);
        if (fault is null) return recorded;

        if (fault.Hang is { } hang)
        {
            try
            {
                await Task.Delay(hang, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return null; // The client gave up; nothing to answer.
            }
        }
        context.Response.StatusCode = fault.Status;
        foreach (var (name, value) in fault.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
        if (fault.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(fault.Body, context.RequestAborted);
        }
        return null;
    }

    private async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var auth = context.Request.Headers.Authorization.ToString();
        string? bearer = auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth["Bearer ".Length..].Trim() : null;
        var apiKey = context.Request.Headers[RecordedRequest.ApiKeyHeader].ToString();
        var headers = context.Request.Headers.ToDictionary(
            h => h.Key,
            h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase) ? "Bearer ***"
                : h.Key.Equals(RecordedRequest.ApiKeyHeader, StringComparison.OrdinalIgnoreCase) ? "***"
                : h.Value.ToString(),
            StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "",
            headers, body, bearer, DateTimeOffset.UtcNow) { ApiKey = apiKey.Length > 0 ? apiKey : null };
        _requests.Enqueue(recorded);
        return recorded;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is null) return;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(cts.Token);
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
