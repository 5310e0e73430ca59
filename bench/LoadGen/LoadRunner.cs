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
    public Dictionary<string, long> Retries { get; } = [];   // --retry: attempts that were answered badly and re-sent
    public List<string> Delivered { get; } = [];             // --delivered: "path\tsignature\toriginal|duplicate"
    public SignedRequest? LastOk { get; set; }
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

    /// <summary>--retry: re-sends by cause, summed over workers (filled when RunAsync returns).</summary>
    public SortedDictionary<string, long> Retries { get; } = [];

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
            foreach (var (kind, n) in tally.Retries) Retries[kind] = Retries.GetValueOrDefault(kind) + n;
        }
        if (options.DeliveredPath is { } deliveredPath)
            await File.WriteAllLinesAsync(deliveredPath, tallies.SelectMany(t => t.Delivered), CancellationToken.None);
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

            var duplicate = options.DuplicateEvery > 0 && sequence % options.DuplicateEvery == options.DuplicateEvery - 1 && tally.LastOk is not null;
            var request = duplicate ? tally.LastOk! : payloads.Get(sequence);
            var sentAt = Stopwatch.GetElapsedTime(_startTimestamp);
            var status = await SendAsync(client, routes[request.Path], request, tally, measured && !options.Retry, cancel);
            if (options.Retry) status = await RetryAsync(client, routes[request.Path], request, tally, status, measured, cancel);
            if (status is >= 200 and < 300)
            {
                if (options.DeliveredPath is not null) tally.Delivered.Add($"{request.Path}\t{request.Signature}\t{(duplicate ? "duplicate" : "original")}");
                if (!duplicate) tally.LastOk = request;
            }
            if (!measured || status is null) continue;
            var doneAt = Stopwatch.GetElapsedTime(_startTimestamp);
            tally.Statuses[status.Value] = tally.Statuses.GetValueOrDefault(status.Value) + 1;
            tally.Latency.Record(doneAt - (options.Rate is null ? sentAt : due));
            tally.Service.Record(doneAt - sentAt);
        }
    }

    /// <summary>
    /// Meta-like redelivery: the same bytes again after a 5xx/429 or a connection failure, backing off 0.2 s → 5 s,
    /// until a 2xx or --retry-for is over. 4xx other than 429 are final (Meta drops those too).
    /// </summary>
    async Task<int?> RetryAsync(HttpClient client, Uri uri, SignedRequest request, WorkerTally tally, int? status, bool measured, CancellationToken cancel)
    {
        var started = Stopwatch.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(200);
        while (status is null or >= 500 or 429 && Stopwatch.GetElapsedTime(started) < options.RetryFor && !cancel.IsCancellationRequested)
        {
            var cause = status is { } code ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : "connection";
            tally.Retries[cause] = tally.Retries.GetValueOrDefault(cause) + 1;
            try { await Task.Delay(delay + TimeSpan.FromMilliseconds(Random.Shared.Next(100)), cancel); }
            catch (OperationCanceledException) { return status; }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            status = await SendAsync(client, uri, request, tally, measured: false, cancel);
        }
        if (status is null && measured) tally.Errors["gave_up"] = tally.Errors.GetValueOrDefault("gave_up") + 1;
        return status;
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
