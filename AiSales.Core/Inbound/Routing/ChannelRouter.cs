using System.Collections.Concurrent;
using Npgsql;

namespace AiSales.Core.Inbound.Routing;

/// <summary>
/// Finds the merchant by the receiving account (channel_accounts UNIQUE(platform, external_id)).
/// Found routes are cached briefly: under load the same handful of accounts are looked up constantly,
/// and a settings change (debounce, quiet period) showing up within half a minute is fine. Misses are
/// never cached, so an account connected a moment ago routes on the next event.
/// </summary>
public sealed class ChannelRouter(TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    // Settings are merchant-edited JSON: a malformed value falls back to the default instead of failing every event.
    private const string Sql = """
        SELECT ca.id, ca.merchant_id,
               CASE WHEN m.ai_settings->>'debounce_seconds' ~ '^[0-9]{1,5}$' THEN (m.ai_settings->>'debounce_seconds')::int END,
               CASE WHEN m.ai_settings->>'human_quiet_minutes' ~ '^[0-9]{1,6}$' THEN (m.ai_settings->>'human_quiet_minutes')::int END
        FROM channel_accounts ca JOIN merchants m ON m.id = ca.merchant_id
        WHERE ca.platform = $1 AND ca.external_id = $2
        """;

    private readonly ConcurrentDictionary<(string, string), (ChannelRoute Route, DateTimeOffset Until)> _cache = new();

    public int DefaultDebounceSeconds { get; init; } = 4;
    public int DefaultHumanQuietMinutes { get; init; } = 30;

    public async Task<ChannelRoute?> FindAsync(NpgsqlConnection connection, string platform, string? externalId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(externalId)) return null;
        var now = time.GetUtcNow();
        if (_cache.TryGetValue((platform, externalId), out var hit) && hit.Until > now) return hit.Route;

        await using var cmd = new NpgsqlCommand(Sql, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = platform });
        cmd.Parameters.Add(new NpgsqlParameter { Value = externalId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        var route = new ChannelRoute(
            reader.GetGuid(0), reader.GetGuid(1), platform, externalId,
            reader.IsDBNull(2) ? DefaultDebounceSeconds : Math.Min(reader.GetInt32(2), 3600),
            reader.IsDBNull(3) ? DefaultHumanQuietMinutes : Math.Min(reader.GetInt32(3), 7 * 24 * 60));
        _cache[(platform, externalId)] = (route, now + CacheFor);
        return route;
    }

    /// <summary>Drop cached routes (tests, or after a merchant edits settings).</summary>
    public void Forget() => _cache.Clear();
}
