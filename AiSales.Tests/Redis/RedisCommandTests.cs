using AiSales.Tests.Infrastructure;
using StackExchange.Redis;

namespace AiSales.Tests.Redis;

/// <summary>The command subset against the shared server; every key is unique to the test run.</summary>
public class RedisCommandTests : IAsyncLifetime
{
    private ConnectionMultiplexer _redis = null!;
    private readonly string _prefix = $"test:redis:{Guid.NewGuid():N}:";

    public async Task InitializeAsync()
    {
        var infra = await TestInfrastructure.GetAsync();
        _redis = await ConnectionMultiplexer.ConnectAsync(infra.RedisConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Set_nx_px_refuses_a_second_writer_and_expires()
    {
        var db = _redis.GetDatabase();
        var key = _prefix + "dedupe";

        Assert.True(await db.StringSetAsync(key, "worker-1", TimeSpan.FromMilliseconds(300), When.NotExists));
        Assert.False(await db.StringSetAsync(key, "worker-2", TimeSpan.FromMilliseconds(300), When.NotExists));
        Assert.Equal("worker-1", (string?)await db.StringGetAsync(key));
        var ttl = await db.KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(300));

        // Poll rather than sleep a fixed time: the key must disappear on its own.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await db.KeyExistsAsync(key) && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.True((await db.StringGetAsync(key)).IsNull);
        Assert.True(await db.StringSetAsync(key, "worker-3", TimeSpan.FromSeconds(30), When.NotExists));
        await db.KeyDeleteAsync(key);
    }

    [Fact]
    public async Task Set_xx_only_overwrites_existing_keys()
    {
        var db = _redis.GetDatabase();
        var key = _prefix + "xx";
        Assert.False(await db.StringSetAsync(key, "a", when: When.Exists));
        Assert.False(await db.KeyExistsAsync(key));
        Assert.True(await db.StringSetAsync(key, "a"));
        Assert.True(await db.StringSetAsync(key, "b", when: When.Exists));
        Assert.Equal("b", (string?)await db.StringGetAsync(key));
        Assert.Null(await db.KeyTimeToLiveAsync(key));
        Assert.True(await db.KeyExpireAsync(key, TimeSpan.FromMinutes(1)));
        Assert.NotNull(await db.KeyTimeToLiveAsync(key));
        Assert.True(await db.KeyDeleteAsync(key));
        Assert.False(await db.KeyDeleteAsync(key));
    }

    [Fact]
    public async Task Strings_numbers_bytes_hashes_sets_and_lists_roundtrip()
    {
        var db = _redis.GetDatabase();
        var text = "شگد سعره؟ 25 الف";
        await db.StringSetAsync(_prefix + "text", text);
        Assert.Equal(text, (string?)await db.StringGetAsync(_prefix + "text"));
        await db.StringSetAsync(_prefix + "bytes", new byte[] { 0, 13, 10, 255 });
        Assert.Equal(new byte[] { 0, 13, 10, 255 }, (byte[]?)await db.StringGetAsync(_prefix + "bytes"));
        Assert.Equal(5, await db.StringIncrementAsync(_prefix + "n", 5));
        Assert.Equal(3, await db.StringIncrementAsync(_prefix + "n", -2));
        Assert.Equal(3L, (long)await db.StringGetAsync(_prefix + "n"));

        await db.HashSetAsync(_prefix + "h", [new HashEntry("a", 1), new HashEntry("b", "two")]);
        Assert.True(await db.HashSetAsync(_prefix + "h", "c", 3.5));
        Assert.False(await db.HashSetAsync(_prefix + "h", "a", 9, When.NotExists));
        Assert.Equal("two", (string?)await db.HashGetAsync(_prefix + "h", "b"));
        Assert.True((await db.HashGetAsync(_prefix + "h", "missing")).IsNull);
        var all = (await db.HashGetAllAsync(_prefix + "h")).ToDictionary(e => (string)e.Name!, e => (string)e.Value!);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "two", ["c"] = "3.5" }, all);

        Assert.True(await db.SetAddAsync(_prefix + "s", "x"));
        Assert.False(await db.SetAddAsync(_prefix + "s", "x"));
        Assert.True(await db.SetContainsAsync(_prefix + "s", "x"));
        Assert.False(await db.SetContainsAsync(_prefix + "s", "y"));

        Assert.Equal(1, await db.ListLeftPushAsync(_prefix + "l", "first"));
        Assert.Equal(2, await db.ListLeftPushAsync(_prefix + "l", "second"));
        Assert.Equal("first", (string?)await db.ListRightPopAsync(_prefix + "l"));

        var echoed = await db.ExecuteAsync("ECHO", "hello");
        Assert.Equal("hello", echoed.ToString());
        var wrongType = await Assert.ThrowsAsync<RedisServerException>(() => db.StringIncrementAsync(_prefix + "h"));
        Assert.StartsWith("WRONGTYPE", wrongType.Message);

        // "l" still holds one element; the last two keys never existed.
        Assert.Equal(6, await db.KeyDeleteAsync([_prefix + "text", _prefix + "bytes", _prefix + "n", _prefix + "h", _prefix + "s", _prefix + "l", _prefix + "nothing", _prefix + "x"]));
    }

    [Fact]
    public async Task Ten_thousand_commands_from_32_callers_each_get_their_own_answers()
    {
        const int callers = 32;
        const int rounds = 105; // INCR + SET + GET per round, pipelined: 32 × 105 × 3 = 10,080 commands
        var db = _redis.GetDatabase();
        var answered = 0;

        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var counter = $"{_prefix}count:{caller}";
            var slot = $"{_prefix}slot:{caller}";
            for (var i = 1; i <= rounds; i++)
            {
                var value = $"{caller}:{i}:{Guid.NewGuid():N}";
                var incr = db.StringIncrementAsync(counter);
                var set = db.StringSetAsync(slot, value);
                var get = db.StringGetAsync(slot);
                Assert.Equal(i, await incr);
                Assert.True(await set);
                Assert.Equal(value, (string?)await get);
                Interlocked.Add(ref answered, 3);
            }
        })));

        Assert.True(answered >= 10_000, $"only {answered} commands answered");
        for (var caller = 0; caller < callers; caller++)
            Assert.Equal(rounds, (long)await db.StringGetAsync($"{_prefix}count:{caller}"));
        await db.KeyDeleteAsync([.. Enumerable.Range(0, callers).SelectMany(c => new RedisKey[] { $"{_prefix}count:{c}", $"{_prefix}slot:{c}" })]);
    }

    [Fact]
    public async Task Logical_databases_are_kept_apart_on_the_shared_socket()
    {
        var key = _prefix + "db";
        var db0 = _redis.GetDatabase(0);
        var db3 = _redis.GetDatabase(3);
        await Task.WhenAll(db0.StringSetAsync(key, "zero"), db3.StringSetAsync(key, "three"));
        Assert.Equal("zero", (string?)await db0.StringGetAsync(key));
        Assert.Equal("three", (string?)await db3.StringGetAsync(key));
        await db0.KeyDeleteAsync(key);
        await db3.KeyDeleteAsync(key);
    }
}
