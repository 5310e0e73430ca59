using AiSales.Core.Persistence;

namespace AiSales.Dashboard.Localization;

public static class EnumDisplay
{
    /// <summary>The stored text of an enum value ("story_reply"): used for CSS classes, test ids and string keys.</summary>
    public static string Txt<T>(this T value) where T : struct, Enum => EnumText<T>.ToText(value);

    public static T? ParseOrNull<T>(string? text) where T : struct, Enum
    {
        if (string.IsNullOrEmpty(text)) return null;
        try { return EnumText<T>.Parse(text); } catch (FormatException) { return null; }
    }
}
