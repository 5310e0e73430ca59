using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis.Connection;

namespace StackExchange.Redis;

/// <summary>A cheap view of the multiplexer bound to one logical database; maps API calls to commands and replies to types.</summary>
internal sealed class RedisDatabase(ConnectionMultiplexer multiplexer, int database) : IDatabase
{
    public int Database { get; } = database;
    public IConnectionMultiplexer Multiplexer => multiplexer;

    public async Task<TimeSpan> PingAsync(CommandFlags flags = CommandFlags.None)
    {
        var started = Stopwatch.GetTimestamp();
        await Run("PING");
        return Stopwatch.GetElapsedTime(started);
    }

    public async Task<bool> StringSetAsync(RedisKey key, RedisValue value, TimeSpan? expiry = null, When when = When.Always, CommandFlags flags = CommandFlags.None)
    {
        List<RedisValue> args = [key.AsRedisValue(), value];
        if (expiry is { } ttl) args.AddRange(["PX", Milliseconds(ttl)]);
        if (when == When.NotExists) args.Add("NX");
        else if (when == When.Exists) args.Add("XX");
        // OK when written; a null reply when NX/XX stopped the write.
        return !(await Run("SET", [.. args])).IsNull;
    }

    public async Task<RedisValue> StringGetAsync(RedisKey key, CommandFlags flags = CommandFlags.None) =>
        (RedisValue)await Run("GET", key.AsRedisValue());

    public async Task<long> StringIncrementAsync(RedisKey key, long value = 1, CommandFlags flags = CommandFlags.None) =>
        (long)await Run("INCRBY", key.AsRedisValue(), value);

    public async Task<bool> KeyDeleteAsync(RedisKey key, CommandFlags flags = CommandFlags.None) =>
        (long)await Run("DEL", key.AsRedisValue()) > 0;

    public async Task<long> KeyDeleteAsync(RedisKey[] keys, CommandFlags flags = CommandFlags.None) =>
        keys.Length == 0 ? 0 : (long)await Run("DEL", [.. keys.Select(k => k.AsRedisValue())]);

    public async Task<bool> KeyExistsAsync(RedisKey key, CommandFlags flags = CommandFlags.None) =>
        (long)await Run("EXISTS", key.AsRedisValue()) == 1;

    public async Task<bool> KeyExpireAsync(RedisKey key, TimeSpan? expiry, CommandFlags flags = CommandFlags.None) =>
        expiry is { } ttl
            ? (long)await Run("PEXPIRE", key.AsRedisValue(), Milliseconds(ttl)) == 1
            : (long)await Run("PERSIST", key.AsRedisValue()) == 1;

    public async Task<TimeSpan?> KeyTimeToLiveAsync(RedisKey key, CommandFlags flags = CommandFlags.None)
    {
        // -2: no such key, -1: no expiry; both read as "no TTL".
        var ms = (long)await Run("PTTL", key.AsRedisValue());
        return ms < 0 ? null : TimeSpan.FromMilliseconds(ms);
    }

    public async Task<bool> HashSetAsync(RedisKey key, RedisValue hashField, RedisValue value, When when = When.Always, CommandFlags flags = CommandFlags.None) =>
        when switch
        {
            When.Always => (long)await Run("HSET", key.AsRedisValue(), hashField, value) == 1,
            When.NotExists => (long)await Run("HSETNX", key.AsRedisValue(), hashField, value) == 1,
            _ => throw new ArgumentOutOfRangeException(nameof(when), when, "HashSet supports When.Always and When.NotExists."),
        };

    public async Task HashSetAsync(RedisKey key, HashEntry[] hashFields, CommandFlags flags = CommandFlags.None)
    {
        if (hashFields.Length == 0) return;
        await Run("HSET", [key.AsRedisValue(), .. hashFields.SelectMany(e => new[] { e.Name, e.Value })]);
    }

    public async Task<RedisValue> HashGetAsync(RedisKey key, RedisValue hashField, CommandFlags flags = CommandFlags.None) =>
        (RedisValue)await Run("HGET", key.AsRedisValue(), hashField);

    public async Task<HashEntry[]> HashGetAllAsync(RedisKey key, CommandFlags flags = CommandFlags.None)
    {
        var items = (RedisResult[]?)await Run("HGETALL", key.AsRedisValue()) ?? [];
        var entries = new HashEntry[items.Length / 2];
        for (var i = 0; i < entries.Length; i++) entries[i] = new HashEntry((RedisValue)items[2 * i], (RedisValue)items[2 * i + 1]);
        return entries;
    }

    public async Task<bool> SetAddAsync(RedisKey key, RedisValue value, CommandFlags flags = CommandFlags.None) =>
        (long)await Run("SADD", key.AsRedisValue(), value) == 1;

    public async Task<bool> SetContainsAsync(RedisKey key, RedisValue value, CommandFlags flags = CommandFlags.None) =>
        (long)await Run("SISMEMBER", key.AsRedisValue(), value) == 1;

    public async Task<long> ListLeftPushAsync(RedisKey key, RedisValue value, When when = When.Always, CommandFlags flags = CommandFlags.None) =>
        when switch
        {
            When.Always => (long)await Run("LPUSH", key.AsRedisValue(), value),
            When.Exists => (long)await Run("LPUSHX", key.AsRedisValue(), value),
            _ => throw new ArgumentOutOfRangeException(nameof(when), when, "ListLeftPush supports When.Always and When.Exists."),
        };

    public async Task<RedisValue> ListRightPopAsync(RedisKey key, CommandFlags flags = CommandFlags.None) =>
        (RedisValue)await Run("RPOP", key.AsRedisValue());

    public Task<RedisResult> ExecuteAsync(string command, params object[] args) => ExecuteAsync(command, args, CommandFlags.None);

    public Task<RedisResult> ExecuteAsync(string command, ICollection<object>? args, CommandFlags flags = CommandFlags.None) =>
        Run(command, [.. (args ?? []).Select(ToValue)]);

    public async Task<RedisResult> ScriptEvaluateAsync(string script, RedisKey[]? keys = null, RedisValue[]? values = null, CommandFlags flags = CommandFlags.None)
    {
        keys ??= [];
        values ??= [];
        RedisValue[] tail = [keys.Length, .. keys.Select(k => k.AsRedisValue()), .. values];
        var sha = multiplexer.ScriptHashes.GetOrAdd(script, static s => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(s))));
        try
        {
            return await Run("EVALSHA", [sha, .. tail]);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            // The server lost its script cache (restart, SCRIPT FLUSH, failover): EVAL runs it and caches it again.
            return await Run("EVAL", [script, .. tail]);
        }
    }

    private Task<RedisResult> Run(string command, params RedisValue[] args) =>
        multiplexer.ExecuteAsync(PendingCommand.Create(command, args, Database));

    private static long Milliseconds(TimeSpan ttl) => Math.Max(1, (long)Math.Ceiling(ttl.TotalMilliseconds));

    private static RedisValue ToValue(object arg) => arg switch
    {
        RedisValue v => v,
        RedisKey k => k.AsRedisValue(),
        string s => s,
        byte[] b => b,
        int i => i,
        long l => l,
        double d => d,
        bool b => b,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => arg.ToString(),
    };
}
