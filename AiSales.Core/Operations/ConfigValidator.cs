using System.Diagnostics;
using AiSales.Core.Channels;
using AiSales.Core.Persistence.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace AiSales.Core.Operations;

/// <summary>
/// Checks every setting and dependency a service needs, for an operator after a deploy. Reads raw
/// configuration (not the validated options) so a missing value is reported instead of failing the
/// check itself. Secrets are described by presence and length only.
/// </summary>
public sealed class ConfigValidator(IConfiguration config, IServiceProvider services, OperationsStore store)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<IReadOnlyList<ConfigCheck>> ValidateAsync(CancellationToken ct = default)
    {
        var checks = new List<ConfigCheck>();
        checks.Add(await PostgresAsync(ct));
        checks.Add(await RedisAsync(ct));

        var secrets = config.GetSection($"{MetaOptions.Section}:AppSecrets").GetChildren().Select(c => c.Value).ToList();
        checks.Add(secrets.Count > 0 && secrets.All(s => !string.IsNullOrEmpty(s))
            ? new ConfigCheck("Meta:AppSecrets", true, $"{secrets.Count} present (lengths {string.Join(", ", secrets.Select(s => s!.Length))})")
            : new ConfigCheck("Meta:AppSecrets", false, secrets.Count == 0 ? "absent (set Meta__AppSecrets__0)" : "an entry is empty"));
        checks.Add(Secret("Meta:VerifyToken", minLength: 1));
        checks.Add(Secret("Ops:ApiKey", minLength: 16));
        checks.Add(Secret("Security:EncryptionKey", minLength: 1, mustBe32ByteBase64: true));
        checks.Add(Url("Meta:GraphApiBaseUrl", "https://graph.facebook.com"));
        checks.Add(Url("Meta:InstagramGraphApiBaseUrl", "https://graph.instagram.com"));
        return checks;
    }

    private async Task<ConfigCheck> PostgresAsync(CancellationToken ct)
    {
        const string name = "ConnectionStrings:aisales";
        if (string.IsNullOrEmpty(config.GetConnectionString("aisales"))) return new(name, false, "absent");
        var expected = MigrationScript.LoadEmbedded().Max(s => s.Version);
        var watch = Stopwatch.StartNew();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Timeout);
            var version = await store.SchemaVersionAsync(timeout.Token);
            var ms = watch.ElapsedMilliseconds;
            return version switch
            {
                null => new(name, false, $"reachable in {ms} ms but not migrated (no schema_migrations)"),
                var v when v < expected => new(name, false, $"reachable in {ms} ms; schema version {v}, this build expects {expected}"),
                var v => new(name, true, $"reachable in {ms} ms; schema version {v} (build expects {expected})"),
            };
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return new(name, false, $"unreachable: {ex.GetType().Name}");
        }
    }

    private async Task<ConfigCheck> RedisAsync(CancellationToken ct)
    {
        const string name = "ConnectionStrings:redis";
        if (string.IsNullOrEmpty(config.GetConnectionString("redis"))) return new(name, false, "absent");
        var redis = services.GetService<IConnectionMultiplexer>();
        if (redis is null) return new(name, false, "configured but no Redis client is registered in this service");
        try
        {
            var rtt = await redis.GetDatabase().PingAsync().WaitAsync(Timeout, ct);
            return new(name, true, $"PING answered in {rtt.TotalMilliseconds:0.#} ms");
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return new(name, false, $"PING failed: {ex.GetType().Name}");
        }
    }

    private ConfigCheck Secret(string key, int minLength, bool mustBe32ByteBase64 = false)
    {
        var value = config[key];
        if (string.IsNullOrEmpty(value)) return new(key, false, "absent");
        if (value.Length < minLength) return new(key, false, $"present, length {value.Length} (needs at least {minLength})");
        if (mustBe32ByteBase64)
        {
            var buffer = new byte[64];
            if (!Convert.TryFromBase64String(value, buffer, out var bytes) || bytes != 32)
                return new(key, false, $"present, length {value.Length}, but not base64 of 32 bytes");
        }
        return new(key, true, $"present, length {value.Length}");
    }

    private ConfigCheck Url(string key, string fallback)
    {
        var value = config[key];
        var effective = string.IsNullOrEmpty(value) ? fallback : value;
        return Uri.TryCreate(effective, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? new(key, true, string.IsNullOrEmpty(value) ? $"default {effective}" : effective)
            : new(key, false, "not an absolute http(s) URL");
    }
}
