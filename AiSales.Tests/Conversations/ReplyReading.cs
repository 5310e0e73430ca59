using System.Globalization;
using System.Text;

namespace AiSales.Tests.Conversations;

/// <summary>
/// How the checks read a reply, independently of the responder's own text code: spelling-insensitive Arabic
/// (أ/إ/آ→ا, ى→ي, ة→ه, گ→ك, چ→ج, diacritics and tatweel gone, stretched letters collapsed), which products it names,
/// which script it is written in, and whether it says something is unavailable or asks for an order detail.
/// </summary>
public static class ReplyReading
{
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in ReplyAmounts.FoldDigits(text).Normalize(NormalizationForm.FormC))
        {
            var c = char.ToLowerInvariant(ch);
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c == '\u0640') continue; // tashkeel, tatweel
            c = c switch
            {
                'أ' or 'إ' or 'آ' or 'ٱ' => 'ا',
                'ى' or 'ئ' or 'ی' => 'ي',
                'ة' => 'ه',
                'ؤ' => 'و',
                'گ' or 'ک' => 'ك',
                'چ' => 'ج',
                'پ' => 'ب',
                'ڤ' => 'ف',
                _ => c,
            };
            if (c == 'ء') continue;
            if (!char.IsLetterOrDigit(c) && c != '-') c = ' ';
            sb.Append(c);
        }
        // Stretched letters (هلووو, soooo): three or more of the same letter become one.
        var collapsed = System.Text.RegularExpressions.Regex.Replace(sb.ToString(), @"(\p{L})\1{2,}", "$1");
        return string.Join(' ', collapsed.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static readonly string[] Prefixes = ["وبال", "بال", "وال", "فال", "كال", "لل", "ال", "و", "ب", "ل"];

    /// <summary>Tokens of the normalized text, each also without its attached particles (العباية → عبايه, بالاسود → اسود).</summary>
    public static HashSet<string> Tokens(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            set.Add(token);
            foreach (var p in Prefixes)
                if (token.Length - p.Length >= 2 && token.StartsWith(p, StringComparison.Ordinal)) set.Add(token[p.Length..]);
        }
        return set;
    }

    /// <summary>All the phrase's words appear in the text (each with or without attached particles).</summary>
    public static bool ContainsPhrase(HashSet<string> textTokens, string phrase)
    {
        var words = Normalize(phrase).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && words.All(w => textTokens.Contains(w) || (w.StartsWith("ال", StringComparison.Ordinal) && textTokens.Contains(w[2..])));
    }

    /// <summary>The reply names the product by its Arabic or English catalog name.</summary>
    public static bool NamesProduct(string reply, ShopProduct product)
    {
        var tokens = Tokens(reply);
        return ContainsPhrase(tokens, product.NameAr) || (product.NameEn is { } en && ContainsPhrase(tokens, en));
    }

    /// <summary>The reply mentions the product by name or by an alias (for "names what the shop sells").</summary>
    public static bool MentionsProduct(string reply, ShopProduct product)
    {
        var tokens = Tokens(reply);
        return NamesProduct(reply, product) || product.Aliases.Where(a => Normalize(a).Length >= 3).Any(a => ContainsPhrase(tokens, a));
    }

    public enum Script { None, Arabic, Latin }

    /// <summary>The script most of the reply's letters are in.</summary>
    public static Script DominantScript(string reply)
    {
        int arabic = 0, latin = 0;
        foreach (var c in reply)
        {
            if (c is >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF')
            {
                if (char.IsLetter(c)) arabic++;
            }
            else if (char.IsAsciiLetter(c)) latin++;
        }
        return arabic == 0 && latin == 0 ? Script.None : arabic >= latin ? Script.Arabic : Script.Latin;
    }

    /// <summary>Which script a customer writing in <paramref name="style"/> must be answered in (null: either).</summary>
    public static Script? ExpectedScript(string style) => style switch
    {
        "iraqi" or "msa" => Script.Arabic,
        "english" => Script.Latin,
        _ => null, // Arabizi customers may be answered in Arabic or English
    };

    // Normalized (see Normalize) phrases that say "we do not have it".
    private static readonly string[] UnavailableCues =
    [
        "ماكو", "ما كو", "مو متوفر", "مو موجود", "غير متوفر", "غير موجود", "مش متوفر", "مش موجود", "ما متوفر", "مامتوفر", "ما موجود",
        "خلص", "خلصت", "خلصانه", "خالص", "نفذ", "نفدت", "نفد", "نفذت", "نافذ", "منتهي", "ما عدنا", "ماعدنا", "ما عندنا", "ماعندنا", "ما عدنه", "ماعدنه",
        "ما نبيع", "مانبيع", "لا نبيع", "ليس لدينا", "ليست لدينا", "لا يتوفر", "لا تتوفر", "لا يوجد", "لا توجد", "ما يتوفر", "ما تتوفر", "غير متاح", "مو متاح",
        "not available", "unavailable", "out of stock", "sold out", "don t sell", "do not sell", "don t have", "do not have", "don t carry",
        "do not carry", "not in stock", "no longer", "we only sell", "isn t something", "is not something", "not something we",
        "isn t available", "not in that colour", "not in that color",
        "maku", "mako", "5ilas", "khilas", "5ls",
    ];

    public static bool SaysUnavailable(string reply)
    {
        var n = " " + Normalize(reply.Replace('\'', ' ').Replace('’', ' ')) + " ";
        return UnavailableCues.Any(cue => n.Contains(" " + Normalize(cue) + " ", StringComparison.Ordinal)
            || (cue.Length >= 4 && n.Contains(" " + Normalize(cue), StringComparison.Ordinal)));
    }

    // Normalized cue words for asking about each order detail.
    private static readonly Dictionary<string, string[]> AskCues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["size"] = ["قياس", "القياس", "قياسك", "مقاس", "المقاس", "مقاسك", "حجم", "الحجم", "size", "sizes"],
        ["colour"] = ["لون", "اللون", "لونك", "الوان", "الالوان", "colour", "color", "colours", "colors"],
        ["quantity"] = ["كم قطعه", "كم وحده", "شكد قطعه", "عدد", "العدد", "الكميه", "كميه", "كم حبه", "quantity", "how many"],
        ["governorate"] = ["محافظه", "المحافظه", "محافظتك", "مدينه", "المدينه", "مدينتك", "governorate", "province", "city", "وين تسكن", "وين ساكن", "منين", "وين تريد", "وين نوصل", "وين نوصلها", "وين نوصله"],
        ["phone"] = ["رقم", "الرقم", "رقمك", "موبايل", "الموبايل", "موبايلك", "تلفون", "هاتف", "هاتفك", "phone", "mobile", "number"],
        ["address"] = ["عنوان", "العنوان", "عنوانك", "نقطه داله", "اقرب نقطه", "اقرب نقطه داله", "اقرب معلم", "المنطقه", "منطقه", "منطقتك", "address", "landmark"],
        ["confirm"] = ["اثبت", "نثبت", "اثبتلك", "تثبيت", "ثبت", "اكد", "تاكيد", "نأكد", "موافق", "confirm", "confirmation", "shall i", "place the order", "go ahead"],
    };

    public static IReadOnlyCollection<string> AskSlots => AskCues.Keys;

    public static bool Asks(string reply, string slot)
    {
        var n = " " + Normalize(reply) + " ";
        var tokens = Tokens(reply);
        return AskCues.TryGetValue(slot, out var cues)
            ? cues.Select(Normalize).Any(c => c.Contains(' ') ? n.Contains(" " + c + " ", StringComparison.Ordinal) || n.Contains(c, StringComparison.Ordinal) : tokens.Contains(c))
            : throw new ArgumentException($"Unknown order detail '{slot}' (known: {string.Join(", ", AskCues.Keys)})");
    }

    /// <summary>The reply contains one of the phrases, spelling-insensitively (Latin case-insensitive, Arabic folded).</summary>
    public static bool MentionsAny(string reply, IEnumerable<string> phrases)
    {
        var tokens = Tokens(reply);
        var n = " " + Normalize(reply) + " ";
        return phrases.Any(p => ContainsPhrase(tokens, p) || n.Contains(" " + Normalize(p) + " ", StringComparison.Ordinal));
    }
}
