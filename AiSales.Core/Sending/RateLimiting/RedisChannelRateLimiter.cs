using AiSales.Core.Channels;
using AiSales.Core.Persistence.Entities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AiSales.Core.Sending.RateLimiting;

/// <summary>
/// The distributed limiter: one GCRA script call per send, shared by every worker through Redis.
/// If Redis cannot be reached the send is allowed (fail open) with a warning: Meta enforces its own
/// limits and its throttling errors are classified RetryLater, so a Redis outage degrades to
/// server-side back-off instead of stopping every reply.
/// </summary>
public sealed class RedisChannelRateLimiter(
    IConnectionMultiplexer redis,
    IOptionsMonitor<ChannelRateLimitOptions> options,
    ILogger<RedisChannelRateLimiter> logger) : IChannelRateLimiter
{
    public async Task<RateDecision> TryAcquireAsync(RateLimitKey key, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var o = options.CurrentValue;
        var rule = RuleFor(key, o);
        var pair = key.Platform == ChannelPlatform.WhatsApp && key.Provider != ChannelProvider.ManyChat && !string.IsNullOrEmpty(key.Recipient)
            ? o.WhatsAppPair
            : null;

        // The hash tag {platform:account} keeps both keys in one slot should Redis ever be clustered.
        var scope = $"{o.KeyPrefix}{{{key.Platform.ToName()}:{key.Provider.ToName()}:{key.AccountExternalId}}}";
        RedisKey[] keys = pair is null
            ? [$"{scope}:{key.Endpoint.ToString().ToLowerInvariant()}"]
            : [$"{scope}:{key.Endpoint.ToString().ToLowerInvariant()}", $"{scope}:pair:{key.Recipient}"];
        RedisValue[] args =
        [
            rule.EmissionIntervalMs, rule.EmissionIntervalMs * rule.Burst,
            pair?.EmissionIntervalMs ?? 0, (pair?.EmissionIntervalMs ?? 0) * (pair?.Burst ?? 0),
        ];

        RedisResult result;
        try
        {
            result = await redis.GetDatabase().ScriptEvaluateAsync(GcraScript.Text, keys, args).WaitAsync(ct);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Rate limiter unavailable for {Platform} account {Account}; allowing the send", key.Platform, key.AccountExternalId);
            return RateDecision.Allow;
        }

        var parts = (long[]?)result ?? throw new InvalidOperationException("The rate limit script returned no array.");
        if (parts[0] == 1) return RateDecision.Allow;
        var limitedBy = parts[2] == 2 ? RateLimitScope.RecipientPair : RateLimitScope.Account;
        return new RateDecision(false, TimeSpan.FromMilliseconds(Math.Max(1, parts[1])), limitedBy);
    }

    /// <summary>The account-level rule for a key: ManyChat has one API limit for every platform.</summary>
    public static RateLimitRule RuleFor(RateLimitKey key, ChannelRateLimitOptions o)
    {
        if (key.Provider == ChannelProvider.ManyChat) return o.ManyChat;
        if (key.Endpoint == EndpointClass.PrivateReply) return o.PrivateReplies;
        return (key.Platform, key.Endpoint) switch
        {
            (ChannelPlatform.WhatsApp, _) => o.WhatsAppMessages,
            (ChannelPlatform.Instagram, EndpointClass.Media) => o.InstagramMedia,
            (ChannelPlatform.Instagram, _) => o.InstagramText,
            (ChannelPlatform.Messenger, EndpointClass.Media) => o.MessengerMedia,
            _ => o.MessengerText,
        };
    }
}
