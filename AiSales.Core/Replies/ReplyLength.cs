using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Replies;

/// <summary>Per-platform text limits, and trimming that ends at a sentence rather than mid-word.</summary>
public static class ReplyLength
{
    public static int Limit(ChannelPlatform platform) => platform switch
    {
        ChannelPlatform.Instagram => 1000,
        ChannelPlatform.Messenger => 2000,
        _ => 4096,
    };

    private static readonly char[] SentenceEnds = ['.', '!', '?', '؟', '\n', '…', '۔'];

    /// <summary>
    /// Fits <paramref name="text"/> into <paramref name="limit"/> characters: cut after the last sentence end that
    /// fits; if no sentence ends in the first half, cut at the last space and add "…" (a half-sentence that ends
    /// mid-word reads broken; a dropped final sentence usually does not).
    /// </summary>
    public static string Trim(string text, int limit)
    {
        text = text.Trim();
        if (text.Length <= limit)
            return text;

        var window = text[..limit];
        var end = window.LastIndexOfAny(SentenceEnds);
        if (end >= limit / 2)
            return window[..(end + 1)].TrimEnd();

        var space = window[..(limit - 1)].LastIndexOf(' ');
        var cut = space > 0 ? window[..space] : window[..(limit - 1)];
        return cut.TrimEnd() + "…";
    }
}
