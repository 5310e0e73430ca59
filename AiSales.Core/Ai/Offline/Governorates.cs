using AiSales.Core.Ai.Text;

namespace AiSales.Core.Ai.Offline;

/// <summary>One of Iraq's 18 governorates; <see cref="Key"/> is the stable English id used in lead data and options.</summary>
public sealed record Governorate(string Key, string NameAr, string NameEn);

/// <summary>
/// The 18 governorates with the names customers actually type: Arabic (with or without ال), main cities,
/// English and dialect/Kurdish spellings. Baiji (بيجي) is left out: in a shop's chat it is the colour beige. Matching runs on normalised tokens, so بالبصرة / للبصره / البصرة all hit.
/// </summary>
public static class Governorates
{
    public static readonly Governorate Baghdad = new("Baghdad", "بغداد", "Baghdad");

    private static readonly (Governorate Gov, string[] Names)[] Table =
    [
        (Baghdad, ["بغداد", "baghdad", "bagdad", "الكرخ", "الرصافه", "المنصور", "الكراده", "الاعظميه", "الكاظميه", "مدينه الصدر", "الدوره", "زيونه"]),
        (new("Basra", "البصرة", "Basra"), ["البصره", "basra", "basrah", "الزبير", "ام قصر", "ابو الخصيب", "zubair", "zubayr", "zubeir", "umm qasr"]),
        (new("Nineveh", "نينوى", "Nineveh"), ["نينوى", "نينوه", "الموصل", "mosul", "mosel", "nineveh", "ninawa", "تلعفر", "tal afar", "tel afar", "telafar"]),
        (new("Erbil", "أربيل", "Erbil"), ["اربيل", "هولير", "erbil", "arbil", "irbil", "hawler", "hewler"]),
        (new("Sulaymaniyah", "السليمانية", "Sulaymaniyah"), ["السليمانيه", "السليماني", "سليماني", "sulaymaniyah", "sulaimaniyah", "sulaimani", "slemani", "slemany", "suli"]),
        (new("Duhok", "دهوك", "Duhok"), ["دهوك", "duhok", "dohuk", "dahuk", "زاخو", "zakho"]),
        (new("Kirkuk", "كركوك", "Kirkuk"), ["كركوك", "kirkuk", "karkuk"]),
        (new("Anbar", "الأنبار", "Anbar"), ["الانبار", "الرمادي", "الفلوجه", "هيت", "anbar", "ramadi", "fallujah", "falluja"]),
        (new("Diyala", "ديالى", "Diyala"), ["ديالى", "بعقوبه", "diyala", "baqubah", "baquba", "baqouba"]),
        (new("SalahAlDin", "صلاح الدين", "Salah al-Din"), ["صلاح الدين", "تكريت", "سامراء", "tikrit", "samarra", "salahuddin", "salah al din", "salah aldin"]),
        (new("Babil", "بابل", "Babil"), ["بابل", "الحله", "babil", "babylon", "hilla", "hillah", "al hilla"]),
        (new("Karbala", "كربلاء", "Karbala"), ["كربلاء", "كربله", "karbala", "karbalaa", "kerbala"]),
        (new("Najaf", "النجف", "Najaf"), ["النجف", "الكوفه", "najaf", "nejef", "kufa"]),
        (new("Wasit", "واسط", "Wasit"), ["واسط", "الكوت", "wasit", "kut", "al kut"]),
        (new("Qadisiyyah", "القادسية", "Al-Qadisiyyah"), ["القادسيه", "الديوانيه", "qadisiyah", "qadisiyyah", "diwaniyah", "diwaniya", "diwaniyah"]),
        (new("Muthanna", "المثنى", "Al-Muthanna"), ["المثنى", "السماوه", "muthanna", "samawah", "samawa"]),
        (new("DhiQar", "ذي قار", "Dhi Qar"), ["ذي قار", "ذيقار", "الناصريه", "dhi qar", "thi qar", "thiqar", "nasiriyah", "nasiriya", "nasriya"]),
        (new("Maysan", "ميسان", "Maysan"), ["ميسان", "العماره", "maysan", "missan", "amarah", "amara", "al amarah"]),
    ];

    // Normalised single-word names (also without ال) and multi-word names, built once.
    private static readonly Dictionary<string, Governorate> Words = BuildWords();
    private static readonly (string Phrase, Governorate Gov)[] Phrases = BuildPhrases();

    public static IReadOnlyList<Governorate> All { get; } = Table.Select(t => t.Gov).ToArray();

    public static Governorate? FindByKey(string key) =>
        All.FirstOrDefault(g => string.Equals(g.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>The first governorate named in already-normalised text, with the cue that matched.</summary>
    public static (Governorate Gov, string Cue)? Detect(NormalizedMessage message)
    {
        foreach (var (phrase, gov) in Phrases)
        {
            if (message.ContainsPhrase(phrase))
            {
                return (gov, phrase);
            }
        }

        foreach (var token in message.Tokens)
        {
            foreach (var variant in ArabicNormalizer.WithoutPrefixes(token))
            {
                if (Words.TryGetValue(variant, out var gov))
                {
                    return (gov, variant);
                }
            }
        }

        return null;
    }

    private static Dictionary<string, Governorate> BuildWords()
    {
        var words = new Dictionary<string, Governorate>(StringComparer.Ordinal);
        foreach (var (gov, names) in Table)
        {
            foreach (var name in names)
            {
                var n = ArabicNormalizer.Normalize(name);
                if (n.Contains(' '))
                {
                    continue;
                }

                words.TryAdd(n, gov);
                if (n.StartsWith("ال", StringComparison.Ordinal) && n.Length > 4)
                {
                    words.TryAdd(n[2..], gov); // "بصره", "موصل", "حله"
                }
            }
        }

        return words;
    }

    private static (string, Governorate)[] BuildPhrases() =>
        Table.SelectMany(t => t.Names.Select(n => (ArabicNormalizer.Normalize(n), t.Gov)))
            .Where(p => p.Item1.Contains(' '))
            .ToArray();
}
