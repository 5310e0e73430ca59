using System.Diagnostics;
using StackExchange.Redis;

namespace AiSales.Tests.Redis;

/// <summary>Behaviour that needs a server of our own: restarts, pauses, passwords, script cache flushes.</summary>
public class RedisResilienceTests
{
    [Fact]
    public async Task Restart_mid_run_fails_fast_then_recovers_on_the_same_multiplexer()
    {
        await using var server = await PrivateRedisServer.StartAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString(",abortConnect=false,asyncTimeout=1000,connectTimeout=1000"));
        var db = redis.GetDatabase();
        Assert.Equal(1, await db.StringIncrementAsync("k"));

        await server.StopAsync();

        // While the server is down every call must end (error or timeout) within asyncTimeout plus slack, never hang.
        var failures = 0;
        for (var i = 0; i < 5; i++)
        {
            var started = Stopwatch.StartNew();
            var error = await Record.ExceptionAsync(() => db.StringIncrementAsync("k").WaitAsync(TimeSpan.FromSeconds(15)));
            Assert.True(error is RedisConnectionException or RedisTimeoutException, $"unexpected: {error}");
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"call took {started.Elapsed}");
            failures++;
        }
        Assert.False(redis.IsConnected);
        Assert.Equal(5, failures);

        await server.StartAsync(); // same port, empty data (no persistence)

        var deadline = DateTime.UtcNow.AddSeconds(30);
        long? value = null;
        while (value is null && DateTime.UtcNow < deadline)
        {
            try { value = await db.StringIncrementAsync("k"); }
            catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException) { await Task.Delay(100); }
        }
        Assert.Equal(1, value);
        Assert.True(redis.IsConnected);
        Assert.Equal(2, await db.StringIncrementAsync("k"));
    }

    [Fact]
    public async Task Connect_with_abort_false_returns_while_server_is_down_and_connects_later()
    {
        await using var server = await PrivateRedisServer.StartAsync();
        await server.StopAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString(",abortConnect=false,asyncTimeout=500,connectTimeout=500"));
        Assert.False(redis.IsConnected);
        await Assert.ThrowsAsync<RedisConnectionException>(() => redis.GetDatabase().PingAsync());

        await server.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!redis.IsConnected && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.True(redis.IsConnected);
        Assert.True(await redis.GetDatabase().StringSetAsync("late", "ok"));
    }

    [Fact]
    public async Task Connect_with_abort_true_throws_when_server_is_down()
    {
        await using var server = await PrivateRedisServer.StartAsync();
        await server.StopAsync();
        var error = await Assert.ThrowsAsync<RedisConnectionException>(() =>
            ConnectionMultiplexer.ConnectAsync(server.ConnectionString(",connectTimeout=500,connectRetry=1")));
        Assert.Contains(server.Port.ToString(), error.Message);
    }

    [Fact]
    public async Task Paused_server_gives_a_timeout_and_the_connection_keeps_working()
    {
        await using var server = await PrivateRedisServer.StartAsync();
        await using var admin = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString());
        await using var redis = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString(",asyncTimeout=300"));
        var db = redis.GetDatabase();
        await db.StringSetAsync("before", "1");

        await admin.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", 2000, "ALL");
        var started = Stopwatch.StartNew();
        var timeout = await Assert.ThrowsAsync<RedisTimeoutException>(() => db.StringGetAsync("before"));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(1.9), $"timeout surfaced only after {started.Elapsed}");
        Assert.Contains("GET", timeout.Message);

        // After the pause the late reply is matched to the abandoned GET and dropped; new commands line up again.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        RedisValue after = RedisValue.Null;
        while (after.IsNull && DateTime.UtcNow < deadline)
        {
            try { await db.StringSetAsync("after", "2"); after = await db.StringGetAsync("after"); }
            catch (RedisTimeoutException) { }
        }
        Assert.Equal("2", (string?)after);
        Assert.Equal("1", (string?)await db.StringGetAsync("before"));
        Assert.True(redis.IsConnected);
    }

    [Fact]
    public async Task Auth_with_the_right_password_works_and_a_wrong_one_fails_clearly()
    {
        await using var server = await PrivateRedisServer.StartAsync(password: "s3cret-Pass");
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString()))
        {
            Assert.True(await redis.GetDatabase().StringSetAsync("authed", "yes"));
            Assert.DoesNotContain("s3cret-Pass", redis.Configuration);
        }

        var wrong = await Assert.ThrowsAsync<RedisConnectionException>(() =>
            ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{server.Port},password=nope"));
        Assert.Equal(ConnectionFailureType.AuthenticationFailure, wrong.FailureType);
        Assert.Contains("Authentication", wrong.Message);

        var missing = await Assert.ThrowsAsync<RedisConnectionException>(() =>
            ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{server.Port}"));
        Assert.Equal(ConnectionFailureType.AuthenticationFailure, missing.FailureType);

        // abortConnect=false: start-up succeeds, commands report the authentication failure.
        await using var lenient = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{server.Port},password=nope,abortConnect=false,asyncTimeout=500");
        var commandError = await Assert.ThrowsAsync<RedisConnectionException>(() => lenient.GetDatabase().PingAsync());
        Assert.Contains("Authentication", commandError.Message);
    }

    [Fact]
    public async Task Script_survives_a_flushed_script_cache()
    {
        const string compareAndDelete = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
        await using var server = await PrivateRedisServer.StartAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString());
        var db = redis.GetDatabase();

        await db.StringSetAsync("lock", "me");
        Assert.Equal(0, (long)await db.ScriptEvaluateAsync(compareAndDelete, ["lock"], ["someone-else"]));
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(compareAndDelete)));
        Assert.Equal(1, (long)(await db.ExecuteAsync("SCRIPT", "EXISTS", sha))[0]);
        await db.ExecuteAsync("SCRIPT", "FLUSH");
        Assert.Equal(0, (long)(await db.ExecuteAsync("SCRIPT", "EXISTS", sha))[0]);
        Assert.Equal(1, (long)await db.ScriptEvaluateAsync(compareAndDelete, ["lock"], ["me"]));
        Assert.False(await db.KeyExistsAsync("lock"));

        var multi = await db.ScriptEvaluateAsync("return {KEYS[1], ARGV[1], tonumber(ARGV[2]) * 2}", ["k"], ["v", 21]);
        var items = (RedisResult[])multi!;
        Assert.Equal(["k", "v"], new[] { items[0].ToString(), items[1].ToString() });
        Assert.Equal(42, (long)items[2]);

        var luaError = await Assert.ThrowsAsync<RedisServerException>(() => db.ScriptEvaluateAsync("return redis.call('nosuchcommand')"));
        Assert.Contains("Unknown Redis command", luaError.Message);
    }
}
