using AiSales.Core.Text;


namespace AiSales.Core.Replies.Offline;

/// <summary>
/// Decides whether a message is Arabic script, English, or Arabizi (Arabic written in Latin letters and digits).
/// Any Arabic letter wins: mixed "شكد the price" is an Arabic speaker who will read an Arabic reply.
/// </summary>
public static class ScriptDetector
{
    public static CustomerScript Detect(NormalizedMessage message)
    {
        var arabic = 0;
        var latin = 0;
        foreach (var c in message.Text)
        {
            if (ArabicNormalizer.IsArabicLetter(c))
            {
                arabic++;
            }
            else if (char.IsAsciiLetterLower(c))
            {
                latin++;
            }
        }

        // Anyone who types Arabic script reads it: "شكد the price" gets an Arabic reply.
        if (arabic > 0 || latin == 0)
        {
            return CustomerScript.Arabic;
        }

        for (var i = 0; i < message.Tokens.Count; i++)
        {
            var token = message.Tokens[i];
            if (token == "zain" && i + 1 < message.Tokens.Count && message.Tokens[i + 1] == "cash")
            {
                continue; // Zain Cash, the wallet, is named the same in English messages
            }

            if (IntentLexicon.ArabiziWords.Contains(token) || HasArabiziDigit(token)
                || IntentLexicon.ArabiziStems.Any(stem => token.StartsWith(stem, StringComparison.Ordinal)))
            {
                return CustomerScript.Arabizi;
            }
        }

        return CustomerScript.English;
    }

    // "si3ra", "mar7aba", "t2a5ar": a digit between Latin letters stands for an Arabic sound.
    private static bool HasArabiziDigit(string token)
    {
        var firstLetter = 0;
        while (firstLetter < token.Length && char.IsAsciiDigit(token[firstLetter]))
        {
            firstLetter++;
        }

        if (token.Length - firstLetter <= 2)
        {
            return false; // "25k", "2xl", "3m": a number with a unit, not Arabizi
        }

        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] is '2' or '3' or '5' or '6' or '7' or '8' or '9' &&
                ((i > 0 && char.IsAsciiLetter(token[i - 1])) || (i + 1 < token.Length && char.IsAsciiLetter(token[i + 1]))))
            {
                return true;
            }
        }

        return false;
    }
}
