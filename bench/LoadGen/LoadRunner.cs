using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace AiSales.Bench.LoadGen;

/// <summary>What one worker saw; merged into the run's totals at the end (no shared counters on the hot path).</summary>
sealed class WorkerTally
{
    public LatencyHistogram Latency { get; } = new();      // open loop: from the intended send time
    public LatencyHistogram Service { get; } = new();      // from the actual send time
    public Dictionary<int, long> Statuses { get; } = [];
    public Dictionary<string, long> Errors { get; } = [];
}

public sealed record RunTotals(
    long Requests, double Seconds, LatencyHistogram Latency, LatencyHistogram Service,
    SortedDictionary<int, long> Statuses, SortedDictionary<string, long> Errors);

/// <summary>
/// Closed loop: N workers send back to back. Open loop (--rate): request i is due at start + i/rate;
/// a worker waits for the due time, and latency counts from that due time, so a slow server that
/// makes requests start late is charged for the wait (no coordinated omission).
/// </summary>
public sealed class LoadRunner(LoadOptions options, PayloadSource payloads)
{
    static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    static readonly MediaTypeHeaderValue Json = new("application/json");

    long _nextSequence;
    long _measuredStarted;
    long _startTimestamp;

    public async Task<RunTotals> RunAsync(CancellationToken cancel)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Concurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = RequestTimeout,
        };
        // Per-request timeouts come from a token; HttpClient's own timeout would be a second, coarser clock.
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var routes = payloads.ByPath.ToDictionary(g => g.Key, g => new Uri(options.Url, g.Key));

        _startTimestamp = Stopwatch.GetTimestamp();
        var tallies = Enumerable.Range(0, options.Concurrency).Select(_ => new WorkerTally()).ToArray();
        await Task.WhenAll(tallies.Select(t => Task.Run(() => WorkerAsync(client, routes, t, cancel))));
        var seconds = (Stopwatch.GetElapsedTime(_startTimestamp) - options.Warmup).TotalSeconds;

        var totals = new RunTotals(0, seconds, new(), new(), [], []);
        foreach (var tally in tallies)
        {
            totals.Latency.Add(tally.Latency);
            totals.Service.Add(tally.Service);
            foreach (var (code, n) in tally.Statuses) totals.Statuses[code] = totals.Statuses.GetValueOrDefault(code) + n;
            foreach (var (kind, n) in tally.Errors) totals.Errors[kind] = totals.Errors.GetValueOrDefault(kind) + n;
        }
        return totals with { Requests = totals.Statuses.Values.Sum() + totals.Errors.Values.Sum() };
    }

    async Task WorkerAsync(HttpClient client, Dictionary<string, Uri> routes, WorkerTally tally, CancellationToken cancel)
    {
        // Ctrl+C ends the run early but still reports what was measured so far.
        try { await LoopAsync(client, routes, tally, cancel); }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested) { }
    }

    async Task LoopAsync(HttpClient client, Dictionary<string, Uri> routes, WorkerTally tally, CancellationToken cancel)
    {
        var measureEnd = options.Warmup + options.Duration;
        while (!cancel.IsCancellationRequested)
        {
            var sequence = Interlocked.Increment(ref _nextSequence) - 1;
            // Closed loop: due now. Open loop: due on the schedule, whether or not a worker is free.
            var due = options.Rate is { } rate ? TimeSpan.FromSeconds(sequence / rate) : Stopwatch.GetElapsedTime(_startTimestamp);
            if (due >= measureEnd) return;
            var measured = due >= options.Warmup;
            if (measured && options.Requests is { } cap && Interlocked.Increment(ref _measuredStarted) > cap) return;

            var wait = due - Stopwatch.GetElapsedTime(_startTimestamp);
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, cancel);

            var request = payloads.Get(sequence);
            var sentAt = Stopwatch.GetElapsedTime(_startTimestamp);
            var status = await SendAsync(client, routes[request.Path], request, tally, measured, cancel);
            if (!measured || status is null) continue;
            var doneAt = Stopwatch.GetElapsedTime(_startTimestamp);
            tally.Statuses[status.Value] = tally.Statuses.GetValueOrDefault(status.Value) + 1;
            tally.Latency.Record(doneAt - (options.Rate is null ? sentAt : due));
            tally.Service.Record(doneAt - sentAt);
        }
    }

    /// <summary>Status code of the response, or null after counting the failure (timeout, refused, reset).</summary>
    static async Task<int?> SendAsync(HttpClient client, Uri uri, SignedRequest signed, WorkerTally tally, bool measured, CancellationToken cancel)
    {
        using var content = new ByteArrayContent(signed.Body);
        content.Headers.ContentType = Json;
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = content,
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", signed.Signature);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            return (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancel.IsCancellationRequested)
        {
            if (measured)
            {
                var kind = ex switch
                {
                    OperationCanceledException => "timeout",
                    HttpRequestException { HttpRequestError: var e } => e.ToString(),
                    _ => ex.GetType().Name,
                };
                tally.Errors[kind] = tally.Errors.GetValueOrDefault(kind) + 1;
            }
            return null;
        }
    }
}
