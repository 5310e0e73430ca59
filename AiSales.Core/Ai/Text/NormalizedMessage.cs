namespace AiSales.Core.Ai.Text;

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
