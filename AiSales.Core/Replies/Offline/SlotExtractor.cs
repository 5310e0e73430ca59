using System.Globalization;
using System.Text.RegularExpressions;
using AiSales.Core.Text;

namespace AiSales.Core.Replies.Offline;

/// <summary>What one customer message says about an order, before it is checked against a product.</summary>
/// <param name="Sizes">Sizes named, canonical (S, M, L, XL…) or as written (42, 50ml, 4-5).</param>
/// <param name="Colours">Colours named, as canonical keys (black, white…) or the normalised word.</param>
/// <param name="Quantity">An explicit count ("ثنين", "2", "two"), or null.</param>
public sealed record OrderSlots(
    IReadOnlyList<string> Sizes,
    IReadOnlyList<string> Colours,
    int? Quantity,
    string? Phone,
    string? Address,
    string? CustomerName,
    IReadOnlyList<string>? AddressSource = null)
{
    /// <summary>The text without the address segments: streets and landmarks are not products, sizes or counts.</summary>
    public string WithoutAddress(string text) =>
        AddressSource is null ? text : AddressSource.Aggregate(text, (t, segment) => t.Replace(segment, " ", StringComparison.Ordinal));

    public bool Any => Sizes.Count > 0 || Colours.Count > 0 || Quantity is not null || Phone is not null || Address is not null || CustomerName is not null;
}

/// <summary>
/// Pulls order details out of free text in the four ways customers write: sizes (لارج، L، large, 42), colours
/// (سودة، الاسود، black, aswad), quantities (ثنين، قطعتين، 2، two), an Iraqi mobile, an address or landmark, a name.
/// Pure and deterministic. Words found here are details, not product names (<see cref="IsDetailWord"/>).
/// </summary>
public static partial class SlotExtractor
{
    private static readonly (string Canonical, string[] Words)[] SizeWords =
    [
        ("XS", ["xs", "اكس سمول", "extra small"]),
        ("S", ["سمول", "سمال", "صغير", "small", "smol"]),
        ("M", ["ميديم", "ميديوم", "مديم", "وسط", "متوسط", "medium", "meduim", "midium"]),
        ("L", ["لارج", "لارچ", "large", "larg", "larj"]),
        ("XL", ["xl", "اكس لارج", "اكسل", "extra large", "x large", "eks larj"]),
        ("XXL", ["xxl", "2xl", "دبل اكس", "دبل اكس لارج", "اكس اكس لارج", "اكسين لارج"]),
        ("XXXL", ["xxxl", "3xl"]),
    ];

    private static readonly (string Key, string[] Words)[] ColourWords =
    [
        ("black", ["اسود", "سوده", "سودا", "سود", "black", "aswad", "swda", "sooda", "eswed", "aswed"]),
        ("white", ["ابيض", "بيضه", "بيضا", "بيض", "white", "abyad", "abyadh", "bee6a", "bee5a", "beedha", "abyedh"]),
        ("red", ["احمر", "حمره", "حمرا", "red", "ahmar", "a7mar", "7amra", "hamra"]),
        ("blue", ["ازرق", "زرقه", "زرقا", "سمائي", "blue", "azraq", "azrag", "zarga", "zarqa"]),
        ("green", ["اخضر", "خضره", "خضرا", "green", "akhdar", "a5dar", "a5dhar", "khadra", "5adra"]),
        ("yellow", ["اصفر", "صفره", "صفرا", "yellow", "asfar"]),
        ("pink", ["وردي", "ورديه", "بمبي", "pink", "wardi", "wardy", "bambi"]),
        ("navy", ["كحلي", "كحليه", "navy", "ka7li", "kohli", "ku7li", "kuhli"]),
        ("brown", ["بني", "بنيه", "جوزي", "قهوائي", "brown", "bunni", "banni"]),
        ("grey", ["رصاصي", "رصاصيه", "رمادي", "رماديه", "grey", "gray", "rasasi", "rsasi", "rasassi"]),
        ("beige", ["بيجي", "بيج", "beige", "beij", "bej", "beej", "beji", "bejy"]),
        ("gold", ["ذهبي", "ذهبيه", "gold", "golden", "thahabi"]),
        ("silver", ["فضي", "فضيه", "silver", "fidhi"]),
        ("purple", ["بنفسجي", "موف", "purple", "mauve"]),
        ("orange", ["برتقالي", "orange"]),
    ];

    private static readonly Dictionary<string, int> CountWords = new Dictionary<string, int>
    {
        ["واحد"] = 1, ["وحده"] = 1, ["فرد"] = 1, ["حبه"] = 1, ["قطعه"] = 1, ["one"] = 1, ["wa7ed"] = 1, ["wa7id"] = 1, ["wahid"] = 1, ["wahed"] = 1, ["wa7ad"] = 1, ["wahad"] = 1, ["wa7da"] = 1, ["wahda"] = 1, ["wi7da"] = 1, ["wa7deh"] = 1,
        ["ثنين"] = 2, ["اثنين"] = 2, ["ثنتين"] = 2, ["اثنتين"] = 2, ["تنين"] = 2, ["قطعتين"] = 2, ["حبتين"] = 2, ["زوج"] = 2, ["two"] = 2, ["pair"] = 2,
        ["thnen"] = 2, ["thnein"] = 2, ["ithnen"] = 2, ["tnen"] = 2, ["2thnen"] = 2,
        ["ثلاث"] = 3, ["ثلاثه"] = 3, ["تلاث"] = 3, ["تلاثه"] = 3, ["ثلث"] = 3, ["three"] = 3, ["thlatha"] = 3, ["tlatha"] = 3,
        ["اربع"] = 4, ["اربعه"] = 4, ["four"] = 4, ["arba3a"] = 4,
        ["خمس"] = 5, ["خمسه"] = 5, ["five"] = 5, ["5amsa"] = 5,
    }.ToDictionary(kv => ArabicNormalizer.Normalize(kv.Key), kv => kv.Value, StringComparer.Ordinal);

    private static readonly IReadOnlySet<string> DetailWords = SizeWords.SelectMany(s => s.Words)
        .Concat(ColourWords.SelectMany(c => c.Words))
        .Concat(CountWords.Keys)
        .Concat(["قياس", "لون", "قطع", "حبات", "pieces", "pcs", "size", "colour", "color"])
        .SelectMany(w => ArabicNormalizer.Tokenize(w))
        .ToHashSet(StringComparer.Ordinal);

    public static OrderSlots Extract(string text)
    {
        var phone = PhoneNumbers.Find(text);
        var (address, source) = Address(text);
        // The phone's digits and the address ("شارع 5") must not read as a size or a count.
        var withoutAddress = source is null ? text : source.Aggregate(text, (t, segment) => t.Replace(segment, " ", StringComparison.Ordinal));
        var rest = WithoutPhoneDigits(Digits.Fold(withoutAddress));
        var message = new NormalizedMessage(rest);
        return new OrderSlots(Sizes(rest, message), Colours(message), Quantity(rest, message), phone, address, Name(text), source);
    }

    /// <summary>
    /// A size said as a bare number that only the product's own sizes explain: "ابي اثنين 50" for a perfume in 50ml and
    /// 100ml, "عمره 5 سنين" for a kids' set in 4-5 (an age needs an age word: a lone "2" is a count).
    /// </summary>
    public static OrderSlots WithSizeFromNumber(OrderSlots slots, string text, IReadOnlyList<string> sizes)
    {
        if (slots.Sizes.Count > 0 || sizes.Count == 0)
        {
            return slots;
        }

        var folded = WithoutPhoneDigits(Digits.Fold(slots.WithoutAddress(text)));
        foreach (Match m in BareNumber().Matches(folded))
        {
            var n = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var volume = sizes.FirstOrDefault(s => string.Equals(s, n.ToString(CultureInfo.InvariantCulture) + "ml", StringComparison.OrdinalIgnoreCase));
            var age = AgeWord().IsMatch(folded) ? sizes.FirstOrDefault(s => AgeRange(s) is var (from, to) && from <= n && n <= to && to <= 16) : null;
            if ((volume ?? age) is { } size)
            {
                return slots with { Sizes = [size] };
            }
        }

        return slots;

        static (int From, int To)? AgeRange(string size) =>
            size.Split('-') is [var a, var b] && int.TryParse(a, out var from) && int.TryParse(b, out var to) ? (from, to) : null;
    }

    /// <summary>A size, colour or count word: never part of a product name or an unknown product.</summary>
    public static bool IsDetailWord(string normalizedToken) =>
        ArabicNormalizer.WithoutPrefixes(normalizedToken).Any(DetailWords.Contains) || ArabiziColour(normalizedToken) is not null;

    /// <summary>The product's own spelling of a size the customer named, or null when it has no such size.</summary>
    public static string? MatchSize(string named, IReadOnlyList<string> productSizes) =>
        productSizes.FirstOrDefault(s => string.Equals(Canonical(s), Canonical(named), StringComparison.OrdinalIgnoreCase));

    /// <summary>The product's own spelling of a colour the customer named, or null when it has no such colour.</summary>
    public static string? MatchColour(string namedKey, IReadOnlyList<string> productColours) =>
        productColours.FirstOrDefault(c => ColourKey(ArabicNormalizer.Normalize(c)) == namedKey);

    /// <summary>A colour for an English reply: the English name of a known colour, else as the product lists it.</summary>
    public static string ColourInEnglish(string productColour)
    {
        var key = ColourKey(ArabicNormalizer.Normalize(productColour));
        return ColourWords.Any(c => c.Key == key) ? key : productColour;
    }

    /// <summary>The canonical key for a colour as a product lists it (أسود → black), or the normalised word.</summary>
    public static string ColourKey(string normalized)
    {
        foreach (var (key, words) in ColourWords)
        {
            foreach (var w in words)
            {
                if (ArabicNormalizer.Normalize(w) == normalized)
                {
                    return key;
                }
            }
        }

        return normalized;
    }

    private static string Canonical(string size)
    {
        var s = size.Trim().ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);
        return s switch
        {
            "2XL" => "XXL",
            "3XL" => "XXXL",
            _ => s.EndsWith("ML", StringComparison.Ordinal) ? s[..^2] : s.EndsWith("ملي", StringComparison.Ordinal) ? s[..^3] : s.EndsWith("مل", StringComparison.Ordinal) ? s[..^2] : s,
        };
    }

    private static List<string> Sizes(string text, NormalizedMessage message)
    {
        var found = new List<string>();
        void Add(string s)
        {
            if (!found.Contains(s, StringComparer.OrdinalIgnoreCase))
            {
                found.Add(s);
            }
        }

        // Longest phrases first so "اكس لارج" is XL, not L.
        foreach (var (canonical, words) in SizeWords.OrderByDescending(s => s.Words.Max(w => w.Length)))
        {
            foreach (var w in words)
            {
                var n = ArabicNormalizer.Normalize(w);
                if (n != w && char.IsAsciiLetterOrDigit(w[0]))
                {
                    continue; // "xxl" folds to "xl" as a stretched letter: Latin codes are read from the raw text below
                }

                if (n.Contains(' ') ? message.ContainsPhrase(n) : message.HasToken(n))
                {
                    if (canonical == "L" && found.Contains("XL"))
                    {
                        continue;
                    }

                    Add(canonical);
                }
            }
        }

        // Letter sizes written in capitals (a lone "m" or "s" in English text is a word, not a size), or after a size word.
        foreach (Match m in LetterSize().Matches(text))
        {
            Add(m.Groups[1].Value.ToUpperInvariant() switch { "2XL" => "XXL", "3XL" => "XXXL", var v => v });
        }

        foreach (Match m in SizeAfterWord().Matches(Digits.Fold(text)))
        {
            Add(m.Groups[1].Value.ToUpperInvariant());
        }

        // "مقاس كبير" (MSA "large"): large only after a size word; alone "كبير" is older, bigger, a lot.
        if (LargeAfterSizeWord().IsMatch(text))
        {
            Add("L");
        }

        // "مقاس ال", "قياس اكس ال": the Latin letter spelled in Arabic, read only after a size word ("ال" alone is "the").
        foreach (Match m in LetterNameAfterSizeWord().Matches(text))
        {
            Add(LetterName(m.Groups["size"].Value));
        }

        // Numeric sizes (shoes 38–46, trousers 28–40, kids 2-3, perfume 50ml): checked against the product later.
        foreach (Match m in NumericSize().Matches(Digits.Fold(text)))
        {
            Add(m.Value.Replace(" ", "", StringComparison.Ordinal).Replace("ملي", "ml", StringComparison.Ordinal).Replace("مل", "ml", StringComparison.Ordinal));
        }

        return found;
    }

    private static List<string> Colours(NormalizedMessage message)
    {
        var found = new List<string>();
        var previous = "";
        foreach (var token in message.Tokens)
        {
            var replaced = previous is "بدل" or "مو" or "مش" or "of" or "not" or "badal";
            previous = token;
            // "الرمادي" in an address is Ramadi, not grey: a word that names a place is not a colour.
            if (replaced || (token.StartsWith("ال", StringComparison.Ordinal) && Governorates.Detect(new NormalizedMessage(token)) is not null))
            {
                continue; // "وردي بدل الازرق", "pink instead of blue": the colour named after is the one going away
            }

            foreach (var variant in ArabicNormalizer.WithoutPrefixes(token))
            {
                var key = ColourKeyOrNull(variant);
                if (key is not null)
                {
                    if (!found.Contains(key))
                    {
                        found.Add(key);
                    }

                    break;
                }
            }
        }

        return found;
    }

    private static string? ColourKeyOrNull(string normalized)
    {
        var key = ColourKey(normalized);
        return key == normalized && !ColourWords.Any(c => c.Key == normalized) ? ArabiziColour(normalized) : key;
    }

    // The Arabic colour words with three consonants or more ("اصفر", "برتقالي", "بنفسجي"): an Arabizi spelling not in the
    // table ("safra", "burtuqali") is the colour with the same consonants. Two-consonant ones ("بيض") would catch English
    // words ("body").
    private static readonly (string Key, string Word)[] ArabicColourWords = ColourWords
        .SelectMany(c => c.Words.Where(w => ArabicNormalizer.IsArabicLetter(w[0])).Select(w => (c.Key, Word: ArabicNormalizer.Normalize(w))))
        .Where(c => ConsonantSkeleton.Of(c.Word).Length >= 3)
        .ToArray();

    private static string? ArabiziColour(string token) =>
        token.Length >= 4 && token.All(char.IsAsciiLetterOrDigit) && !IntentLexicon.IsEnglishWord(token)
            ? ArabicColourWords.FirstOrDefault(c => ConsonantSkeleton.SameWordAcrossScripts(token, c.Word)).Key
            : null;

    private static int? Quantity(string text, NormalizedMessage message)
    {
        foreach (var token in message.Tokens)
        {
            // "اخذهم الثنين" is both of what was named, one each; "يوم الاثنين" is Monday: a count word with the article
            // is no count.
            var definite = token.StartsWith("ال", StringComparison.Ordinal);
            foreach (var variant in ArabicNormalizer.WithoutPrefixes(token))
            {
                if (definite && variant != token)
                {
                    continue;
                }

                if (CountWords.TryGetValue(variant, out var n) && !(n == 1 && variant is "حبه" or "قطعه"))
                {
                    return n;
                }
            }
        }

        // "2 قطعة", "x2", "3 pieces": a small number next to a count word; else a lone 1–10 (sizes are 28+ or ranges
        // like 4-5, prices come with الف/k/,000, and the phone was taken out before).
        var folded = Digits.Fold(text);
        var counted = CountedNumber().Match(folded);
        if (counted.Success)
        {
            return int.Parse(counted.Groups["n"].Success ? counted.Groups["n"].Value : counted.Groups["m"].Value, CultureInfo.InvariantCulture);
        }

        var lone = LoneSmallNumber().Match(folded);
        return lone.Success ? int.Parse(lone.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The customer's own spelling of a word found by its normalised form ("الكرادة" for "الكراده").</summary>
    public static string OriginalWord(string text, string normalizedToken) =>
        Spaces().Split(text).Select(w => w.Trim('،', ',', '.', '!', '?', '؟', ':', '-'))
            .FirstOrDefault(w => ArabicNormalizer.Tokenize(w) is [var t] && (t == normalizedToken || ArabicNormalizer.WithoutPrefixes(t).Contains(normalizedToken)))
        ?? normalizedToken;

    private static string? Name(string text)
    {
        var m = NamePattern().Match(text);
        return m.Success ? m.Groups["name"].Value.Trim() : null;
    }

    [GeneratedRegex(@"(?<![A-Za-z])(XXXL|XXL|XL|XS|S|M|L|(?i:xxxl|xxl|xl|xs|2xl|3xl))(?![A-Za-z])")]
    private static partial Regex LetterSize();

    [GeneratedRegex(@"(?i)(?:size|sz|قياس|مقاس|حجم|قياسي)\s*[:=]?\s*(xxxl|xxl|xl|xs|s|m|l)(?![a-z])")]
    private static partial Regex SizeAfterWord();

    [GeneratedRegex(@"(?:قياس|مقاس|قياسي|مقاسي|حجم)\s*[:=]?\s*(?<size>(?:(?:اكس|إكس)\s+){0,3}(?:ال|إل|ام|إم|اس|إس))(?![\p{L}])")]
    private static partial Regex LetterNameAfterSizeWord();

    [GeneratedRegex(@"(?:قياس|مقاس|قياسي|مقاسي|حجم)\s*[:=]?\s*(?:ال)?(?:كبير|چبير|جبير)(?![\p{L}])")]
    private static partial Regex LargeAfterSizeWord();

    private static string LetterName(string spelled)
    {
        var parts = Spaces().Split(spelled.Trim());
        var letter = parts[^1].TrimStart('ا', 'إ') switch { "ل" => "L", "م" => "M", _ => "S" };
        return (parts.Length - 1) switch { 0 => letter, 1 => "X" + letter, 2 => "XX" + letter, _ => "XXX" + letter };
    }

    [GeneratedRegex(@"(?<![\d+])(\d{1,2}\s?-\s?\d{1,2}|\d{2,3}\s?(?:ml|مل|ملي)|(?:2[6-9]|3\d|4[0-8]))(?!\d|\s?(?:الف|ألف|k|K|,\d|000))")]
    private static partial Regex NumericSize();

    [GeneratedRegex(@"(?ix)(?:(?<![\d])(?<n>[1-9]|1\d)\s*(?:قطع|قطعه|قطعة|حبات|حبه|حبة|pieces|pcs|pc|pairs|pair|ازواج|أزواج|x|×|عدد)(?![a-z])|(?:x|×|عدد)\s*(?<m>[1-9]|1\d)(?!\d))")]
    private static partial Regex CountedNumber();

    [GeneratedRegex(@"(?<![\d\-–/]|\d[.,])\b([1-9]|10)\b(?!\d|[.,]\d|\s?[\-–/]\s?\d|\s?(?:الف|ألف|k|K|ml|مل|يوم|ايام|أيام|اسابيع|أسابيع|اسبوع|أسبوع|شهر|اشهر|سنين|سنوات|سنه|سنة|days?|weeks?|months?|years?|%))")]
    private static partial Regex LoneSmallNumber();

    /// <summary>
    /// The text without the phone number's digits, so they are read as neither a size, a count nor part of the address.
    /// A number written next to the mobile stays ("شارع 60 07812223344" keeps "شارع 60"): only the groups that make the
    /// mobile go; a long run of digits that holds no mobile goes whole, as before.
    /// </summary>
    internal static string WithoutPhoneDigits(string folded) => PhoneDigits().Replace(folded, m =>
    {
        var groups = m.Value.Split([' ', '\t', '-'], StringSplitOptions.RemoveEmptyEntries);
        return PhoneNumbers.MobileGroups(groups) is { } mobile
            ? " " + string.Join(' ', groups[..mobile.Start].Concat(groups[mobile.End..])) + " "
            : " ";
    });

    // Not from a digit written onto a Latin word: "jami3 0780…" keeps its "3" (Arabizi ع) in the address.
    [GeneratedRegex(@"(?<![A-Za-z])\+?\d[\d\s-]{8,}\d")]
    private static partial Regex PhoneDigits();

    [GeneratedRegex(@"(?<![\d,.\-])\b(\d{1,3})\b(?![\d,.]|\s?(?:الف|ألف|k|K|-))")]
    private static partial Regex BareNumber();

    [GeneratedRegex(@"(?i)عمر|سنه|سنة|سنين|سنوات|year|yrs|age|3umr|sana|sneen")]
    private static partial Regex AgeWord();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"(?:اسمي|الاسم|إسمي|my name is|name:|ismi|esmi)\s*[:：-]?\s*(?<name>[\p{L}]+(?:\s+[\p{L}]+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex NamePattern();
}
