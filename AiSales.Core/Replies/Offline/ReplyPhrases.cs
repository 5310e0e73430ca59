using System.Globalization;

namespace AiSales.Core.Replies.Offline;

/// <summary>
/// The reply wording, Iraqi dialect (Arabic script) and English. Several phrasings per slot so replies don't
/// read like a form letter; <see cref="Pick"/> chooses by a hash of the message, so the same message always
/// gets the same words. Every number in a reply comes from the catalog or delivery options via the
/// formatting methods here — templates themselves hold no digits.
/// </summary>
internal sealed class ReplyPhrases(bool english, uint seed, ReplyTone tone)
{
    public bool English { get; } = english;

    public string Pick(int slot, string[] arabic, string[] englishOptions)
    {
        var options = English ? englishOptions : arabic;
        var text = options[(int)((seed + ((uint)slot * 2654435761u)) % (uint)options.Length)];
        return tone == ReplyTone.Plain ? StripEmoji(text) : text;
    }

    public string Price(long iqd) =>
        iqd.ToString("N0", CultureInfo.InvariantCulture) + (English ? " IQD" : " دينار");

    public string Stock(int stock) => (stock, English) switch
    {
        (<= 0, false) => "خلص، ماكو هسه",
        (<= 0, true) => "sold out right now",
        (<= 3, false) => "باقي بس " + stock.ToString(CultureInfo.InvariantCulture),
        (<= 3, true) => "only " + stock.ToString(CultureInfo.InvariantCulture) + " left",
        (_, false) => "متوفر",
        (_, true) => "in stock",
    };

    public string Name(CatalogItem item) =>
        English && !string.IsNullOrWhiteSpace(item.NameEn) ? item.NameEn! : item.NameAr;

    public string Days(DeliveryTerms t) => English
        ? (t.MinDays == t.MaxDays ? $"{t.MinDays} day(s)" : $"{t.MinDays}–{t.MaxDays} days")
        : (t.MinDays == t.MaxDays ? $"{t.MinDays} يوم" : $"{t.MinDays}–{t.MaxDays} يوم");

    public string List(IEnumerable<string> items) => string.Join(English ? ", " : "، ", items);

    public string GovernorateName(Governorate g) => English ? g.NameEn : g.NameAr;

    private static string StripEmoji(string s)
    {
        var kept = new System.Text.StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsSurrogate(s[i]) || s[i] is '\uFE0F' or '\u200D' or (>= '\u2600' and <= '\u27BF'))
            {
                continue;
            }

            kept.Append(s[i]);
        }

        return kept.ToString().Replace("  ", " ", StringComparison.Ordinal).Trim();
    }
}
