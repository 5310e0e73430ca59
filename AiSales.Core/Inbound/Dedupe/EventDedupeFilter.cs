using AiSales.Core.Channels;
using AiSales.Core.Persistence.Entities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AiSales.Core.Inbound.Dedupe;

/// <summary>
/// Redis fast path for "have we already handled this Meta event?". It is only a filter: the guarantee is
/// the <c>processed_events</c> insert (<see cref="ProcessedEventClaim"/>) inside the event's transaction.
/// A key is remembered only AFTER that transaction commits; setting it earlier would make a retry skip an
/// event whose transaction rolled back. Redis trouble never blocks processing: an unanswered lookup
/// counts as "not seen" and the database decides.
/// </summary>
public sealed class EventDedupeFilter(IConnectionMultiplexer redis, IOptions<InboundPipelineOptions> options, ILogger<EventDedupeFilter> logger)
{
    /// <summary>How long a processed key stays in Redis; Meta retries for at most a day or so.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    /// <summary>Redis is a shortcut, so it gets a short leash.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(250);

    public static string KeyFor(ChannelPlatform platform, string dedupeKey) => $"dedupe:{platform.ToName()}:{dedupeKey}";

    private string Key(ChannelPlatform platform, string dedupeKey) => options.Value.RedisKeyPrefix + KeyFor(platform, dedupeKey);

    public async Task<bool> IsKnownAsync(ChannelPlatform platform, string dedupeKey, CancellationToken ct)
    {
        try
        {
            return await redis.GetDatabase().KeyExistsAsync(Key(platform, dedupeKey)).WaitAsync(Timeout, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogDebug(ex, "Dedupe lookup skipped for {Platform} event; falling back to the database", platform);
            return false;
        }
    }

    /// <summary>Call after the event's transaction committed (or found the event already processed).</summary>
    public async Task RememberAsync(ChannelPlatform platform, string dedupeKey, CancellationToken ct)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(Key(platform, dedupeKey), "1", Retention, When.NotExists).WaitAsync(Timeout, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Harmless: the next redelivery goes to the database, which still says "duplicate".
            logger.LogDebug(ex, "Could not remember {Platform} event in Redis", platform);
        }
    }
}
