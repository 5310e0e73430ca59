using System.Text;

namespace AiSales.Core.Text;

/// <summary>
/// Makes text from outside (webhook payloads, replies typed in the dashboard or sent through the Merchant API) storable
/// and sendable: Postgres text rejects U+0000 outright, and a lone surrogate cannot be encoded as UTF-8 on the way to the
/// database or to Meta. One NUL used to fail the whole statement, so a webhook carrying one was retried forever.
/// Removed: U+0000 and the other C0/C1 control characters except tab, line feed and carriage return; unpaired surrogates;
/// the noncharacters U+FFFE and U+FFFF. Everything else (emoji, Arabic, bidi marks) is kept: how it is shown is the
/// display's concern.
/// </summary>
public static class TextSanitizer
{
    /// <summary>The text without the characters above; the same instance when there is nothing to remove; null stays null.</summary>
    public static string? Clean(string? text)
    {
        if (text is null) return null;
        var firstBad = FirstInvalid(text);
        if (firstBad < 0) return text;

        var clean = new StringBuilder(text.Length);
        clean.Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
                continue;
            }
            if (!IsInvalid(c)) clean.Append(c);
        }
        return clean.ToString();
    }

    /// <summary>True when <see cref="Clean"/> would change the text.</summary>
    public static bool NeedsCleaning(string? text) => text is not null && FirstInvalid(text) >= 0;

    private static int FirstInvalid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (IsInvalid(c)) return i;
        }
        return -1;
    }

    // Called only for a char that is not the start of a valid pair, so any surrogate here is unpaired.
    private static bool IsInvalid(char c) =>
        char.IsSurrogate(c)
        || c is '\uFFFE' or '\uFFFF'
        || (char.IsControl(c) && c is not ('\t' or '\n' or '\r'));
}
