namespace StackExchange.Redis;

/// <summary>The kind of RESP2 reply a <see cref="RedisResult"/> holds.</summary>
public enum ResultType
{
    None = 0,
    SimpleString = 1,
    Error = 2,
    Integer = 3,
    BulkString = 4,
    Array = 5,
    MultiBulk = Array,
}

/// <summary>
/// A raw reply, as returned by <c>ExecuteAsync</c> and <c>ScriptEvaluateAsync</c>. Scalars read through
/// the same casts as <see cref="RedisValue"/>; arrays through <c>(RedisResult[])</c>.
/// </summary>
public sealed class RedisResult
{
    private readonly RedisValue _value;
    private readonly RedisResult[]? _items;

    private RedisResult(ResultType type, RedisValue value, RedisResult[]? items)
    {
        Type = type;
        _value = value;
        _items = items;
    }

    public ResultType Type { get; }

    public bool IsNull => Type == ResultType.Array ? _items is null : _value.IsNull;

    public int Length => _items?.Length ?? -1;

    public RedisResult this[int index] => _items is null
        ? throw new InvalidCastException("The result is not an array.")
        : _items[index];

    public static RedisResult Create(RedisValue value, ResultType? resultType = null) =>
        new(resultType ?? ResultType.BulkString, value, null);

    public static RedisResult Create(RedisResult[]? values) => new(ResultType.Array, default, values);

    internal static RedisResult Error(string message) => new(ResultType.Error, message, null);

    /// <summary>The error text of an error reply (for example "NOSCRIPT No matching script").</summary>
    internal string? ErrorMessage => Type == ResultType.Error ? (string?)_value : null;

    public static explicit operator RedisValue(RedisResult result) => result.Scalar();
    public static explicit operator string?(RedisResult result) => (string?)result.Scalar();
    public static explicit operator byte[]?(RedisResult result) => (byte[]?)result.Scalar();
    public static explicit operator long(RedisResult result) => (long)result.Scalar();
    public static explicit operator int(RedisResult result) => (int)result.Scalar();
    public static explicit operator double(RedisResult result) => (double)result.Scalar();
    public static explicit operator bool(RedisResult result) => (bool)result.Scalar();
    public static explicit operator long?(RedisResult result) => (long?)result.Scalar();
    public static explicit operator RedisKey(RedisResult result) => (string?)result.Scalar();
    public static explicit operator RedisResult[]?(RedisResult result) => result.Type == ResultType.Array
        ? result._items
        : throw new InvalidCastException($"Cannot cast a {result.Type} reply to an array.");
    public static explicit operator RedisValue[]?(RedisResult result) =>
        ((RedisResult[]?)result)?.Select(r => r.Scalar()).ToArray();
    public static explicit operator string?[]?(RedisResult result) =>
        ((RedisResult[]?)result)?.Select(r => (string?)r.Scalar()).ToArray();
    public static explicit operator long[]?(RedisResult result) =>
        ((RedisResult[]?)result)?.Select(r => (long)r.Scalar()).ToArray();

    public override string ToString() => Type switch
    {
        ResultType.Array => _items is null ? "(null)" : $"{_items.Length} element(s)",
        _ => _value.ToString(),
    };

    private RedisValue Scalar() => Type == ResultType.Array
        ? _items is { Length: 1 } ? _items[0].Scalar() : throw new InvalidCastException("Cannot cast an array reply to a single value.")
        : _value;
}
