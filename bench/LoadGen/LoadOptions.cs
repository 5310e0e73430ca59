using System.Globalization;
using System.Net;

namespace AiSales.Bench.LoadGen;

/// <summary>Command line of the load generator. Parsed by hand: a dozen flags do not need a package.</summary>
public sealed record LoadOptions(
    Uri Url,
    string Secret,
    int Concurrency,
    TimeSpan Duration,
    TimeSpan Warmup,
    double? Rate,
    long? Requests,
    string Fixtures,
    bool Unique,
    string Mode,
    string? JsonPath,
    bool Retry = false,
    TimeSpan RetryFor = default,
    int DuplicateEvery = 0,
    string? DeliveredPath = null,
    int Accounts = 0,
    long AccountBase = 0,
    bool UniqueSenders = false,
    string[]? Only = null,
    bool Now = false)
{
    public const string Usage = """
        LoadGen --url http://127.0.0.1:5080 --secret <s> [--concurrency 64] [--duration 30s]
                [--rate 2000] [--requests N] [--fixtures <dir>] [--unique] [--warmup 3s]
                [--mode <label>] [--json out.json]
                [--retry [--retry-for 120s]] [--duplicate-every 10] [--delivered out.tsv]
                [--accounts 1000 --account-base 17841499000000000] [--unique-senders] [--now] [--only name1,name2]
        --retry: like Meta, re-send the same signed bytes after 503/5xx/429/connection errors with backoff
        (0.2 s doubling to 5 s) until 2xx or --retry-for has passed. --duplicate-every N: every Nth request
        re-sends a delivery that was already answered 200 (exact same bytes). --delivered: one line per 2xx
        answer: path, signature, original-or-duplicate. --accounts: rewrite the account ids (entry id,
        recipient, phone_number_id) to account-base + (request % N). --unique-senders: a fresh customer id
        per request. --now: event timestamps become the send time. --only: fixture file names containing one of these.
        Closed loop (workers as fast as possible) unless --rate is given (open loop, latency measured
        from the intended send time). Stops at --duration or --requests, whichever comes first.
        Only loopback targets are accepted.
        """;

    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"unexpected argument '{name}'");
            if (name is "--unique" or "--help" or "--retry" or "--unique-senders" or "--now") { flags.Add(name); continue; }
            if (i + 1 >= args.Length) throw new ArgumentException($"{name} needs a value");
            values[name] = args[++i];
        }
        if (flags.Contains("--help")) throw new ArgumentException("help requested");

        var url = new Uri(Required(values, "--url"), UriKind.Absolute);
        if (!IsLoopback(url))
            throw new ArgumentException($"refusing non-loopback target {url.Host}: benchmarks only run against this machine");

        var options = new LoadOptions(
            Url: url,
            Secret: Required(values, "--secret"),
            Concurrency: int.Parse(values.GetValueOrDefault("--concurrency", "64"), CultureInfo.InvariantCulture),
            Duration: ParseDuration(values.GetValueOrDefault("--duration", "30s")),
            Warmup: ParseDuration(values.GetValueOrDefault("--warmup", "0s")),
            Rate: values.TryGetValue("--rate", out var rate) ? double.Parse(rate, CultureInfo.InvariantCulture) : null,
            Requests: values.TryGetValue("--requests", out var n) ? long.Parse(n, CultureInfo.InvariantCulture) : null,
            Fixtures: values.GetValueOrDefault("--fixtures") ?? FindFixtures(),
            Unique: flags.Contains("--unique"),
            Mode: values.GetValueOrDefault("--mode", "target"),
            JsonPath: values.GetValueOrDefault("--json"),
            Retry: flags.Contains("--retry"),
            RetryFor: ParseDuration(values.GetValueOrDefault("--retry-for", "120s")),
            DuplicateEvery: int.Parse(values.GetValueOrDefault("--duplicate-every", "0"), CultureInfo.InvariantCulture),
            DeliveredPath: values.GetValueOrDefault("--delivered"),
            Accounts: int.Parse(values.GetValueOrDefault("--accounts", "0"), CultureInfo.InvariantCulture),
            AccountBase: long.Parse(values.GetValueOrDefault("--account-base", "17841499000000000"), CultureInfo.InvariantCulture),
            UniqueSenders: flags.Contains("--unique-senders"),
            Only: values.TryGetValue("--only", out var only) ? only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null,
            Now: flags.Contains("--now"));

        if (options.Concurrency < 1) throw new ArgumentException("--concurrency must be at least 1");
        if (options.Duration <= TimeSpan.Zero) throw new ArgumentException("--duration must be positive");
        if (options.Rate is <= 0) throw new ArgumentException("--rate must be positive");
        if (options.Requests is <= 0) throw new ArgumentException("--requests must be positive");
        if (options.DuplicateEvery is < 0 or 1) throw new ArgumentException("--duplicate-every must be 0 (off) or at least 2");
        if (options.Accounts < 0) throw new ArgumentException("--accounts must not be negative");
        return options;
    }

    static string Required(Dictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var value) && value.Length > 0 ? value : throw new ArgumentException($"{name} is required");

    static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>Accepts 500ms, 30s, 2m or a bare number of seconds.</summary>
    internal static TimeSpan ParseDuration(string text)
    {
        static double Num(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        return text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => TimeSpan.FromMilliseconds(Num(text[..^2])),
            _ when text.EndsWith('s') => TimeSpan.FromSeconds(Num(text[..^1])),
            _ when text.EndsWith('m') => TimeSpan.FromMinutes(Num(text[..^1])),
            _ => TimeSpan.FromSeconds(Num(text)),
        };
    }

    /// <summary>The fixtures live in the test project (AiSales.Tests/Fixtures); walk up from the working directory until we meet them.</summary>
    static string FindFixtures()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { "AiSales.Tests/Fixtures/meta/payloads", "fixtures/meta/payloads" })
            {
                var path = Path.Combine(dir.FullName, candidate);
                if (Directory.Exists(path)) return path;
            }
        }
        throw new ArgumentException("fixtures not found; pass --fixtures <dir>");
    }
}
