namespace AiSales.Dashboard.Rendering;

/// <summary>
/// Customer names as they are shown. A name is chosen by the customer, so it may carry bidi embedding, override and
/// isolate controls (U+202A–U+202E, U+2066–U+2069) or marks (U+200E/F) that reorder what follows: "‮txt.exe" shows
/// as "exe.txt". They are dropped for display (the stored name is untouched); pages also wrap names in
/// <c>&lt;bdi&gt;</c> so an Arabic name cannot reorder the text around it.
/// </summary>
public static class BidiText
{
    public static string? Name(string? name) =>
        name is null || !name.Any(IsControl) ? name : string.Concat(name.Where(c => !IsControl(c)));

    public static bool IsControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F';
}
