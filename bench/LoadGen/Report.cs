using System.Globalization;
using System.Text.Json;

namespace AiSales.Bench.LoadGen;

public sealed record LatencySummary(double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs, double MeanMs)
{
    public static LatencySummary From(LatencyHistogram h)
    {
        static double Ms(long micros) => Math.Round(micros / 1000.0, 3);
        return new(Ms(h.PercentileMicros(0.50)), Ms(h.PercentileMicros(0.90)), Ms(h.PercentileMicros(0.99)),
            Ms(h.PercentileMicros(0.999)), Ms(h.MaxMicros), Math.Round(h.MeanMicros / 1000.0, 3));
    }
}

/// <summary>The machine-readable result (--json); bench/ingest.sh reads these fields.</summary>
public sealed record RunReport(
    string Mode, string Url, string Loop, int Concurrency, double? TargetRate, double WarmupSeconds,
    double Seconds, long Requests, double Throughput, long Ok, IReadOnlyDictionary<int, long> Statuses,
    IReadOnlyDictionary<string, long> Errors, LatencySummary Latency, LatencySummary ServiceTime,
    int Fixtures, bool Unique, DateTimeOffset FinishedAt)
{
    static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static RunReport From(LoadOptions o, PayloadSource payloads, RunTotals t) => new(
        o.Mode, o.Url.ToString(), o.Rate is null ? "closed" : "open", o.Concurrency, o.Rate, o.Warmup.TotalSeconds,
        Math.Round(t.Seconds, 3), t.Requests, Math.Round(t.Requests / Math.Max(t.Seconds, 1e-9), 1),
        t.Statuses.Where(s => s.Key is >= 200 and < 300).Sum(s => s.Value), t.Statuses, t.Errors,
        LatencySummary.From(t.Latency), LatencySummary.From(t.Service), payloads.Count, o.Unique, DateTimeOffset.UtcNow);

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public string ToTable()
    {
        var inv = CultureInfo.InvariantCulture;
        var rows = new List<(string, string)>
        {
            ("mode", Mode),
            ("target", Url),
            ("loop", Loop + (TargetRate is { } r ? string.Create(inv, $" @ {r:0.#} req/s") : "")),
            ("concurrency", Concurrency.ToString(inv)),
            ("fixtures", Fixtures.ToString(inv) + (Unique ? " (unique ids)" : " (as recorded)")),
            ("seconds", Seconds.ToString("0.00", inv) + string.Create(inv, $" (+{WarmupSeconds:0.#}s warm-up)")),
            ("requests", Requests.ToString(inv)),
            ("throughput", Throughput.ToString("0.0", inv) + " req/s"),
            ("statuses", Statuses.Count == 0 ? "-" : string.Join(", ", Statuses.Select(s => $"{s.Key}: {s.Value}"))),
            ("errors", Errors.Count == 0 ? "0" : string.Join(", ", Errors.Select(e => $"{e.Key}: {e.Value}"))),
        };
        AddLatency(rows, Loop == "open" ? "latency (from intended send)" : "latency", Latency);
        if (Loop == "open") AddLatency(rows, "service time (from actual send)", ServiceTime);
        var width = rows.Max(r => r.Item1.Length);
        return string.Join(Environment.NewLine, rows.Select(r => $"  {r.Item1.PadRight(width)}  {r.Item2}"));
    }

    static void AddLatency(List<(string, string)> rows, string title, LatencySummary l) =>
        rows.Add((title, string.Create(CultureInfo.InvariantCulture,
            $"p50 {l.P50Ms:0.00} ms | p90 {l.P90Ms:0.00} | p99 {l.P99Ms:0.00} | p99.9 {l.P999Ms:0.00} | max {l.MaxMs:0.00} | mean {l.MeanMs:0.00}")));
}
