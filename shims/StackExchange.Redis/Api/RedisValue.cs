using System.Globalization;
using System.Text;

namespace StackExchange.Redis;

/// <summary>
/// A value sent to or read from Redis: null, text, bytes or a number. Numbers are kept as numbers so
/// they are written in Redis's canonical text form (invariant culture) without a string detour.
/// </summary>
public readonly struct RedisValue : IEquatable<RedisValue>
{
    private readonly object? _value;

    private RedisValue(object? value) => _value = value;

    public static RedisValue Null => default;
    public static RedisValue EmptyString => new(string.Empty);

    public bool IsNull => _value is null;
    public bool HasValue => _value is not null;
    public bool IsNullOrEmpty => _value switch
    {
        null => true,
        string s => s.Length == 0,
        byte[] b => b.Length == 0,
        _ => false,
    };
    public bool IsInteger => _value is long || (_value is not null && TryParseLong(out _));

    public static implicit operator RedisValue(string? value) => new(value);
    public static implicit operator RedisValue(byte[]? value) => new(value);
    public static implicit operator RedisValue(int value) => new((long)value);
    public static implicit operator RedisValue(long value) => new(value);
    public static implicit operator RedisValue(double value) => new(value);
    public static implicit operator RedisValue(bool value) => new(value ? 1L : 0L);
    public static implicit operator RedisValue(int? value) => value is null ? Null : new((long)value.Value);
    public static implicit operator RedisValue(long? value) => value is null ? Null : new(value.Value);
    public static implicit operator RedisValue(ReadOnlyMemory<byte> value) => new(value.ToArray());

    public static explicit operator string?(RedisValue value) => value._value switch
    {
        null => null,
        string s => s,
        byte[] b => Encoding.UTF8.GetString(b),
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FormatDouble(d),
        var other => other.ToString(),
    };

    public static explicit operator byte[]?(RedisValue value) => value._value switch
    {
        null => null,
        byte[] b => b,
        _ => Encoding.UTF8.GetBytes((string)value!),
    };

    // Like the real client: a null value reads as 0 for non-nullable numeric casts.
    public static explicit operator long(RedisValue value) => value._value switch
    {
        null => 0,
        long l => l,
        double d => checked((long)d),
        _ => value.TryParseLong(out var l) ? l : throw new InvalidCastException($"Unable to cast Redis value '{value}' to long."),
    };

    public static explicit operator int(RedisValue value) => checked((int)(long)value);

    public static explicit operator double(RedisValue value) => value._value switch
    {
        null => 0,
        long l => l,
        double d => d,
        _ => ParseDouble((string)value!),
    };

    public static explicit operator bool(RedisValue value) => (long)value != 0;
    public static explicit operator long?(RedisValue value) => value.IsNull ? null : (long)value;
    public static explicit operator int?(RedisValue value) => value.IsNull ? null : (int)value;
    public static explicit operator double?(RedisValue value) => value.IsNull ? null : (double)value;

    public bool TryParse(out long value)
    {
        if (_value is long l) { value = l; return true; }
        return TryParseLong(out value);
    }

    public override string ToString() => (string?)this ?? string.Empty;

    /// <summary>The bytes written on the wire (UTF-8 for text).</summary>
    internal byte[] ToBytes() => (byte[]?)this ?? [];

    public bool Equals(RedisValue other)
    {
        if (IsNull || other.IsNull) return IsNull && other.IsNull;
        if (_value is long a && other._value is long b) return a == b;
        return ToBytes().AsSpan().SequenceEqual(other.ToBytes());
    }

    public override bool Equals(object? obj) => obj is RedisValue other && Equals(other);
    public override int GetHashCode()
    {
        if (IsNull) return 0;
        var hash = new HashCode();
        hash.AddBytes(ToBytes());
        return hash.ToHashCode();
    }

    public static bool operator ==(RedisValue left, RedisValue right) => left.Equals(right);
    public static bool operator !=(RedisValue left, RedisValue right) => !left.Equals(right);

    private bool TryParseLong(out long value) =>
        long.TryParse((string?)this, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    // Redis spells infinities as +inf / -inf (ZADD scores, INCRBYFLOAT replies).
    private static string FormatDouble(double d) => double.IsPositiveInfinity(d) ? "+inf"
        : double.IsNegativeInfinity(d) ? "-inf"
        : d.ToString("R", CultureInfo.InvariantCulture);

    private static double ParseDouble(string s) => s switch
    {
        "+inf" or "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
