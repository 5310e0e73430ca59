namespace AiSales.Core.Text;

/// <summary>
/// A customer message prepared once for all the matchers: the normalised form, its tokens, and every token
/// with its attached Arabic particles removed, so each cue check is a hash lookup, not a rescan.
/// </summary>
public sealed class NormalizedMessage
{
    private readonly string _padded;

    public NormalizedMessage(string? original, IEnumerable<string>? phrasesToIgnore = null)
    {
        Original = original ?? string.Empty;
        var normalized = ArabicNormalizer.Normalize(Original);
        var padded = " " + normalized + " ";
        if (phrasesToIgnore is not null)
        {
            // Negated phrases ("ماكو مشكله" = no problem) must not fire the cue words inside them.
            foreach (var phrase in phrasesToIgnore)
            {
                padded = padded.Replace(" " + phrase + " ", "  ", StringComparison.Ordinal);
            }
        }

        _padded = padded;
        Text = normalized;
        Tokens = padded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var variants = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in Tokens)
        {
            foreach (var v in ArabicNormalizer.WithoutPrefixes(token))
            {
                variants.Add(v);
            }
        }

        TokenVariants = variants;
    }

    public string Original { get; }

    /// <summary>The full normalised text (before negated phrases were blanked).</summary>
    public string Text { get; }

    public IReadOnlyList<string> Tokens { get; }

    public IReadOnlySet<string> TokenVariants { get; }

    /// <summary>Whole-word phrase match on the normalised text (phrase must be normalised already).</summary>
    public bool ContainsPhrase(string normalizedPhrase) =>
        _padded.Contains(" " + normalizedPhrase + " ", StringComparison.Ordinal);

    /// <summary>A phrase that may continue into a longer last word ("ما وصل" also hits "ما وصلني").</summary>
    public bool ContainsPhrasePrefix(string normalizedPhrase) =>
        _padded.Contains(" " + normalizedPhrase, StringComparison.Ordinal);

    /// <summary>
    /// Phrase match whose first word may carry particles (و، ب، ل، ف، ال): "ومو زين", "بامان الله", "بسعر حلو".
    /// With <paramref name="lastWordMayContinue"/> the last word may be longer ("ما وصل" hits "ما وصلني").
    /// </summary>
    public bool ContainsPhraseAfterParticles(string normalizedPhrase, bool lastWordMayContinue)
    {
        var words = normalizedPhrase.Split(' ');
        for (var i = 0; i + words.Length <= Tokens.Count; i++)
        {
            if (!StartsWithWord(Tokens[i], words[0]))
            {
                continue;
            }

            var all = true;
            for (var w = 1; w < words.Length && all; w++)
            {
                var token = Tokens[i + w];
                all = w == words.Length - 1 && lastWordMayContinue
                    ? token.StartsWith(words[w], StringComparison.Ordinal)
                    : token == words[w];
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    // The token is the word, or the word behind particles. Unlike a lone token, a phrase's first word may be short:
    // "ومو زين", "بسعر حلو" (WithoutPrefixes keeps short words whole so that بصره stays بصره).
    private static bool StartsWithWord(string token, string word) =>
        ArabicNormalizer.WithoutPrefixes(token).Contains(word) ||
        (token.Length == word.Length + 1 && token[0] is 'و' or 'ب' or 'ل' or 'ف' or 'ك' && token.EndsWith(word, StringComparison.Ordinal));

    public bool HasToken(string normalizedToken) => TokenVariants.Contains(normalizedToken);

    public string? FirstTokenStartingWith(string stem)
    {
        // Walk the tokens in order (not the hash set) so the reported cue is the same on every run.
        foreach (var token in Tokens)
        {
            foreach (var v in ArabicNormalizer.WithoutPrefixes(token))
            {
                if (v.StartsWith(stem, StringComparison.Ordinal))
                {
                    return v;
                }
            }
        }

        return null;
    }
}
