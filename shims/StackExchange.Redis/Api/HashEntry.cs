namespace StackExchange.Redis;

/// <summary>One field/value pair of a Redis hash.</summary>
public readonly record struct HashEntry(RedisValue Name, RedisValue Value)
{
    public static implicit operator KeyValuePair<RedisValue, RedisValue>(HashEntry entry) => new(entry.Name, entry.Value);
}
