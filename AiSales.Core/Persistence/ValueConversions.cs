using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AiSales.Core.Persistence;

/// <summary>Enum stored as its <see cref="EnumText{TEnum}"/> string.</summary>
public sealed class EnumTextConverter<TEnum>() : ValueConverter<TEnum, string>(
    v => EnumText<TEnum>.ToText(v),
    s => EnumText<TEnum>.Parse(s))
    where TEnum : struct, Enum;

/// <summary>The JSON shape of every typed jsonb column: snake_case keys, enums as text, nulls omitted.</summary>
public static class JsonbSerialization
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;
}

/// <summary>A typed object stored in a jsonb column.</summary>
public sealed class JsonbConverter<T>() : ValueConverter<T, string>(
    v => JsonbSerialization.Serialize(v),
    s => JsonbSerialization.Deserialize<T>(s));

/// <summary>
/// Change tracking for mutable JSON values (lists, settings objects): two values are equal when they
/// serialise the same, and the snapshot is a deep copy, so editing a list in place is detected.
/// </summary>
public sealed class JsonbComparer<T>() : ValueComparer<T>(
    (a, b) => JsonbSerialization.Serialize(a) == JsonbSerialization.Serialize(b),
    v => JsonbSerialization.Serialize(v).GetHashCode(),
    v => JsonbSerialization.Deserialize<T>(JsonbSerialization.Serialize(v)));
