// Webhook load generator for the ingest benchmark: signed Meta fixture payloads against a loopback URL.
// Usage: see LoadOptions.Usage. Exit code 2 = bad arguments, 1 = no successful responses.
using AiSales.Bench.LoadGen;

LoadOptions options;
try { options = LoadOptions.Parse(args); }
catch (Exception ex) when (ex is ArgumentException or FormatException or UriFormatException)
{
    Console.Error.WriteLine($"error: {ex.Message}{Environment.NewLine}{LoadOptions.Usage}");
    return 2;
}

var payloads = new PayloadSource(options.Fixtures, options.Secret, options.Unique, options.Accounts, options.AccountBase, options.UniqueSenders, options.Only) { FreshTimestamps = options.Now };
Console.WriteLine($"LoadGen: {payloads.Count} envelopes ({string.Join(", ", payloads.ByPath.Select(g => $"{g.Key} {g.Count()}"))}), " +
                  $"{payloads.WithEventIds} with event ids; {(options.Rate is null ? "closed" : "open")} loop, " +
                  $"{options.Concurrency} workers, {options.Duration.TotalSeconds:0.#}s after {options.Warmup.TotalSeconds:0.#}s warm-up");

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

var runner = new LoadRunner(options, payloads);
var totals = await runner.RunAsync(cancel.Token);
if (runner.Retries.Count > 0)
    Console.WriteLine($"retries: {string.Join(", ", runner.Retries.Select(r => $"{r.Key} {r.Value}"))}");
var report = RunReport.From(options, payloads, totals);
Console.WriteLine(report.ToTable());
if (options.JsonPath is { } path) await File.WriteAllTextAsync(path, report.ToJson());
return report.Ok > 0 ? 0 : 1;
