namespace AiSales.Core.Text;

/// <summary>
/// The one place digits change script. Customers and merchants type Arabic-Indic (٠-٩) or, on Persian keyboards,
/// Extended Arabic-Indic (۰-۹) digits; parsing, ids and matching want ASCII ones. The dashboard can show numbers
/// the other way round, in Arabic-Indic digits.
/// </summary>
public static class Digits
{
    private const char ArabicThousands = '\u066C'; // ٬
    private const char ArabicDecimal = '\u066B'; // ٫

    /// <summary>
    /// Arabic-Indic and Persian digits to ASCII; with <paramref name="separators"/>, also the Arabic thousands (٬) and
    /// decimal (٫) separators to ',' and '.', which amounts need ("٢٥٬٠٠٠"). Every other character is kept as it is.
    /// </summary>
    public static char Fold(char c, bool separators = true) => c switch
    {
        >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')),
        >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')),
        ArabicThousands when separators => ',',
        ArabicDecimal when separators => '.',
        _ => c,
    };

    /// <summary>
    /// <see cref="Fold(char, bool)"/> over a text; "" for null. Ids turn <paramref name="separators"/> off: there ٬ is
    /// not a comma between two ids.
    /// </summary>
    public static string Fold(string? text, bool separators = true)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var first = FirstToFold(text, separators);
        // Most text has nothing to fold (the offline responder calls this on every message): no copy then.
        if (first < 0) return text;
        return string.Create(text.Length, (text, first, separators), static (span, state) =>
        {
            state.text.AsSpan(0, state.first).CopyTo(span);
            for (var i = state.first; i < span.Length; i++) span[i] = Fold(state.text[i], state.separators);
        });
    }

    /// <summary>
    /// ASCII digits to Arabic-Indic and ',' to ٬, for a merchant who reads Arabic-Indic digits. '.' stays '.': the
    /// texts this formats use it as a full stop too, and the dashboard has always shown decimals (ROAS, %) with it.
    /// </summary>
    public static string ToArabicIndic(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch
            {
                >= '0' and <= '9' => (char)('\u0660' + (chars[i] - '0')),
                ',' => ArabicThousands,
                var c => c,
            };
        }
        return new string(chars);
    }

    private static int FirstToFold(string text, bool separators)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (Fold(text[i], separators) != text[i]) return i;
        }
        return -1;
    }
}
