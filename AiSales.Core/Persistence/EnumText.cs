using System.Reflection;
using System.Text;
using System.Text.Json.Serialization;

namespace AiSales.Core.Persistence;

/// <summary>
/// The text stored for an enum value: snake_case of the member name (NeedsReconnect -> needs_reconnect),
/// or the member's <see cref="JsonStringEnumMemberNameAttribute"/> where the product spells it differently
/// (WhatsApp -> whatsapp). The same strings appear in the SQL CHECK constraints.
/// </summary>
public static class EnumText<TEnum> where TEnum : struct, Enum
{
    private static readonly Dictionary<TEnum, string> ToTextMap = [];
    private static readonly Dictionary<string, TEnum> FromTextMap = new(StringComparer.OrdinalIgnoreCase);

    static EnumText()
    {
        foreach (var field in typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var value = (TEnum)field.GetValue(null)!;
            var text = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? EnumTextNames.ToSnakeCase(field.Name);
            ToTextMap[value] = text;
            FromTextMap[text] = value;
        }
    }

    public static IReadOnlyCollection<string> All => ToTextMap.Values;

    public static string ToText(TEnum value) =>
        ToTextMap.TryGetValue(value, out var text) ? text : throw new ArgumentOutOfRangeException(nameof(value), value, null);

    public static TEnum Parse(string text) =>
        FromTextMap.TryGetValue(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a known {typeof(TEnum).Name} value.");
}

internal static class EnumTextNames
{
    public static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
