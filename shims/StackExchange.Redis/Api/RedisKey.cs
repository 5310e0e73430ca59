using System.Text;

namespace StackExchange.Redis;

/// <summary>A Redis key: text (UTF-8 on the wire) or raw bytes.</summary>
public readonly struct RedisKey : IEquatable<RedisKey>
{
    private readonly object? _value;

    private RedisKey(object? value) => _value = value;

    public static implicit operator RedisKey(string? key) => new(key);
    public static implicit operator RedisKey(byte[]? key) => new(key);
    public static implicit operator string?(RedisKey key) => key._value switch
    {
        null => null,
        string s => s,
        byte[] b => Encoding.UTF8.GetString(b),
        _ => null,
    };
    public static implicit operator byte[]?(RedisKey key) => key._value switch
    {
        null => null,
        byte[] b => b,
        string s => Encoding.UTF8.GetBytes(s),
        _ => null,
    };

    public RedisKey Append(RedisKey suffix) => new((string?)this + (string?)suffix);
    public RedisKey Prepend(RedisKey prefix) => new((string?)prefix + (string?)this);

    /// <summary>Keys travel as bulk strings, exactly like values.</summary>
    internal RedisValue AsRedisValue() => _value is byte[] b ? b : (RedisValue)(string?)this;

    public override string ToString() => (string?)this ?? "(null)";

    public bool Equals(RedisKey other) =>
        ((byte[]?)this ?? []).AsSpan().SequenceEqual((byte[]?)other ?? []) && (_value is null) == (other._value is null);

    public override bool Equals(object? obj) => obj is RedisKey other && Equals(other);
    public override int GetHashCode() => ((string?)this)?.GetHashCode(StringComparison.Ordinal) ?? 0;
    public static bool operator ==(RedisKey left, RedisKey right) => left.Equals(right);
    public static bool operator !=(RedisKey left, RedisKey right) => !left.Equals(right);
}
