using System.Collections.Concurrent;
using System.Diagnostics;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending.RateLimiting;
using AiSales.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AiSales.Tests.Channels;

/// <summary>The GCRA limiter against the shared Redis; each test writes under its own key prefix.</summary>
public class ChannelRateLimiterTests : IAsyncLifetime
{
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync((await TestInfrastructure.GetAsync()).RedisConnectionString);

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private RedisChannelRateLimiter Limiter(Action<ChannelRateLimitOptions>? configure = null)
    {
        var options = new ChannelRateLimitOptions { KeyPrefix = $"test:ratelimit:{Guid.NewGuid():N}:" };
        configure?.Invoke(options);
        return new RedisChannelRateLimiter(_redis, new StaticOptions(options), NullLogger<RedisChannelRateLimiter>.Instance);
    }

    [Fact]
    public async Task Concurrent_burst_is_held_to_the_gcra_bound()
    {
        const int rate = 50, burst = 10, attempts = 200;
        var limiter = Limiter(o => o.InstagramText = RateLimitRule.PerSecond(rate, burst));
        var key = new RateLimitKey(ChannelPlatform.Instagram, ChannelProvider.Meta, "ig-1", EndpointClass.Text);
        var decisions = new ConcurrentBag<RateDecision>();

        // 200 callers spread over about one second, all racing on the same key.
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, attempts).Select(async i =>
        {
            await Task.Delay(i * 5);
            decisions.Add(await limiter.TryAcquireAsync(key, default));
        }));
        var elapsed = clock.Elapsed;

        var allowed = decisions.Count(d => d.Allowed);
        Assert.Equal(attempts, decisions.Count);
        Assert.InRange(allowed, burst, burst + (int)Math.Ceiling(rate * elapsed.TotalSeconds) + 1);
        Assert.True(allowed < attempts, "some callers must be refused");
        Assert.All(decisions.Where(d => !d.Allowed), d =>
        {
            Assert.Equal(RateLimitScope.Account, d.LimitedBy);
            Assert.InRange(d.RetryAfter, TimeSpan.FromTicks(1), TimeSpan.FromMilliseconds(1000.0 / rate + 1));
        });
    }

    [Fact]
    public async Task WhatsApp_pair_limit_refuses_the_second_message_to_the_same_customer_only()
    {
        var limiter = Limiter(o => o.WhatsAppPair = new RateLimitRule { Limit = 1, Period = TimeSpan.FromSeconds(6), Burst = 1 });
        RateLimitKey To(string recipient) => new(ChannelPlatform.WhatsApp, ChannelProvider.Meta, "phone-1", EndpointClass.Text, recipient);

        var first = await limiter.TryAcquireAsync(To("+9647700000001"), default);
        var second = await limiter.TryAcquireAsync(To("+9647700000001"), default);
        var other = await limiter.TryAcquireAsync(To("+9647700000002"), default);

        Assert.True(first.Allowed);
        Assert.False(second.Allowed);
        Assert.Equal(RateLimitScope.RecipientPair, second.LimitedBy);
        Assert.InRange(second.RetryAfter, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6));
        Assert.True(other.Allowed);
    }

    [Fact]
    public async Task Default_pair_rule_allows_a_small_burst_then_refuses()
    {
        var limiter = Limiter();
        var burst = new ChannelRateLimitOptions().WhatsAppPair.Burst;
        var key = new RateLimitKey(ChannelPlatform.WhatsApp, ChannelProvider.Meta, "phone-1", EndpointClass.Text, "+9647700000003");

        for (var i = 0; i < burst; i++) Assert.True((await limiter.TryAcquireAsync(key, default)).Allowed);
        var refused = await limiter.TryAcquireAsync(key, default);

        Assert.False(refused.Allowed);
        Assert.Equal(RateLimitScope.RecipientPair, refused.LimitedBy);
    }

    [Fact]
    public async Task A_refused_pair_does_not_spend_the_phone_numbers_quota()
    {
        var limiter = Limiter(o =>
        {
            o.WhatsAppMessages = new RateLimitRule { Limit = 2, Period = TimeSpan.FromMinutes(1), Burst = 2 };
            o.WhatsAppPair = new RateLimitRule { Limit = 1, Period = TimeSpan.FromMinutes(1), Burst = 1 };
        });
        RateLimitKey To(string recipient) => new(ChannelPlatform.WhatsApp, ChannelProvider.Meta, "phone-9", EndpointClass.Text, recipient);

        Assert.True((await limiter.TryAcquireAsync(To("a"), default)).Allowed);
        for (var i = 0; i < 5; i++) Assert.False((await limiter.TryAcquireAsync(To("a"), default)).Allowed);
        // The account has one slot left only if the refused pair attempts were not charged to it.
        Assert.True((await limiter.TryAcquireAsync(To("b"), default)).Allowed);
        var third = await limiter.TryAcquireAsync(To("c"), default);
        Assert.False(third.Allowed);
        Assert.Equal(RateLimitScope.Account, third.LimitedBy);
    }

    [Fact]
    public async Task Keys_isolate_accounts_and_endpoint_classes()
    {
        var limiter = Limiter(o =>
        {
            o.MessengerText = new RateLimitRule { Limit = 2, Period = TimeSpan.FromMinutes(1), Burst = 2 };
            o.MessengerMedia = new RateLimitRule { Limit = 1, Period = TimeSpan.FromMinutes(1), Burst = 1 };
        });
        var pageA = new RateLimitKey(ChannelPlatform.Messenger, ChannelProvider.Meta, "page-a", EndpointClass.Text);

        Assert.True((await limiter.TryAcquireAsync(pageA, default)).Allowed);
        Assert.True((await limiter.TryAcquireAsync(pageA, default)).Allowed);
        var refused = await limiter.TryAcquireAsync(pageA, default);
        Assert.False(refused.Allowed);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30));

        Assert.True((await limiter.TryAcquireAsync(pageA with { AccountExternalId = "page-b" }, default)).Allowed);
        Assert.True((await limiter.TryAcquireAsync(pageA with { Endpoint = EndpointClass.Media }, default)).Allowed);
        Assert.True((await limiter.TryAcquireAsync(pageA with { Platform = ChannelPlatform.Instagram }, default)).Allowed);
    }

    [Fact]
    public void Defaults_follow_metas_published_limits()
    {
        var o = new ChannelRateLimitOptions();
        RateLimitRule Rule(ChannelPlatform p, EndpointClass e, ChannelProvider provider = ChannelProvider.Meta) =>
            RedisChannelRateLimiter.RuleFor(new RateLimitKey(p, provider, "x", e), o);

        Assert.Equal(100, Rule(ChannelPlatform.Instagram, EndpointClass.Text).Limit);
        Assert.Equal(10, Rule(ChannelPlatform.Instagram, EndpointClass.Media).Limit);
        Assert.Equal(300, Rule(ChannelPlatform.Messenger, EndpointClass.Text).Limit);
        Assert.Equal(10, Rule(ChannelPlatform.Messenger, EndpointClass.Media).Limit);
        Assert.Equal(80, Rule(ChannelPlatform.WhatsApp, EndpointClass.Text).Limit);
        var pr = Rule(ChannelPlatform.Instagram, EndpointClass.PrivateReply);
        Assert.Equal(750, pr.Limit);
        Assert.Equal(TimeSpan.FromHours(1), pr.Period);
        Assert.Equal(6000, o.WhatsAppPair.EmissionIntervalMs);
        Assert.Equal(25, Rule(ChannelPlatform.WhatsApp, EndpointClass.Text, ChannelProvider.ManyChat).Limit);
    }

    private sealed class StaticOptions(ChannelRateLimitOptions value) : IOptionsMonitor<ChannelRateLimitOptions>
    {
        public ChannelRateLimitOptions CurrentValue => value;

        public ChannelRateLimitOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ChannelRateLimitOptions, string?> listener) => null;
    }
}
