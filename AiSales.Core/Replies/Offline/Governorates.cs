using AiSales.Core.Text;


namespace AiSales.Core.Replies.Offline;

/// <summary>One of Iraq's 18 governorates; <see cref="Key"/> is the stable English id used in lead data and options.</summary>
public sealed record Governorate(string Key, string NameAr, string NameEn);

/// <summary>
/// The 18 governorates with the names customers actually type: Arabic (with or without ال), main cities,
/// English and dialect/Kurdish spellings. Baiji (بيجي) is left out: in a shop's chat it is the colour beige. Matching runs on normalised tokens, so بالبصرة / للبصره / البصرة all hit.
/// </summary>
public static class Governorates
{
    public static readonly Governorate Baghdad = new("Baghdad", "بغداد", "Baghdad");

    // Names: the governorate as customers spell it. Places: its cities and districts, which also say where in it the
    // customer is ("بغداد زيونة" is an address as much as a governorate).
    private static readonly (Governorate Gov, string[] Names, string[] Places)[] Table =
    [
        (Baghdad, ["بغداد", "baghdad", "bagdad"],
            ["الكرخ", "الرصافه", "المنصور", "الكراده", "الاعظميه", "الكاظميه", "مدينه الصدر", "الدوره", "زيونه", "اليرموك", "الغزاليه",
             "السيديه", "البياع", "الزعفرانيه", "الشعله", "العامريه", "الجادريه", "الحبيبيه", "mansour", "karrada", "adhamiya", "kadhimiya", "zayouna", "sadr city", "yarmouk"]),
        (new("Basra", "البصرة", "Basra"), ["البصره", "basra", "basrah"],
            ["الزبير", "ام قصر", "ابو الخصيب", "العشار", "القرنه", "الهارثه", "شط العرب", "zubair", "zubayr", "zubeir", "umm qasr", "ashar"]),
        (new("Nineveh", "نينوى", "Nineveh"), ["نينوى", "نينوه", "nineveh", "ninawa"], ["الموصل", "mosul", "mosel", "تلعفر", "tal afar", "tel afar", "telafar"]),
        (new("Erbil", "أربيل", "Erbil"), ["اربيل", "هولير", "erbil", "arbil", "irbil", "hawler", "hewler"], ["عينكاوه", "ankawa"]),
        (new("Sulaymaniyah", "السليمانية", "Sulaymaniyah"), ["السليمانيه", "السليماني", "سليماني", "sulaymaniyah", "sulaimaniyah", "sulaimani", "slemani", "slemany", "suli"], []),
        (new("Duhok", "دهوك", "Duhok"), ["دهوك", "duhok", "dohuk", "dahuk"], ["زاخو", "zakho"]),
        (new("Kirkuk", "كركوك", "Kirkuk"), ["كركوك", "kirkuk", "karkuk"], []),
        (new("Anbar", "الأنبار", "Anbar"), ["الانبار", "anbar"], ["الرمادي", "الفلوجه", "هيت", "ramadi", "fallujah", "falluja"]),
        (new("Diyala", "ديالى", "Diyala"), ["ديالى", "diyala"], ["بعقوبه", "baqubah", "baquba", "baqouba"]),
        (new("SalahAlDin", "صلاح الدين", "Salah al-Din"), ["صلاح الدين", "salahuddin", "salah al din", "salah aldin"], ["تكريت", "سامراء", "tikrit", "samarra"]),
        (new("Babil", "بابل", "Babil"), ["بابل", "babil", "babylon"], ["الحله", "hilla", "hillah", "al hilla"]),
        (new("Karbala", "كربلاء", "Karbala"), ["كربلاء", "كربله", "karbala", "karbalaa", "kerbala"], []),
        (new("Najaf", "النجف", "Najaf"), ["النجف", "najaf", "nejef"], ["الكوفه", "kufa"]),
        (new("Wasit", "واسط", "Wasit"), ["واسط", "wasit"], ["الكوت", "kut", "al kut"]),
        (new("Qadisiyyah", "القادسية", "Al-Qadisiyyah"), ["القادسيه", "qadisiyah", "qadisiyyah"], ["الديوانيه", "diwaniyah", "diwaniya"]),
        (new("Muthanna", "المثنى", "Al-Muthanna"), ["المثنى", "muthanna"], ["السماوه", "samawah", "samawa"]),
        (new("DhiQar", "ذي قار", "Dhi Qar"), ["ذي قار", "ذيقار", "dhi qar", "thi qar", "thiqar"], ["الناصريه", "nasiriyah", "nasiriya", "nasriya"]),
        (new("Maysan", "ميسان", "Maysan"), ["ميسان", "maysan", "missan"], ["العماره", "amarah", "amara", "al amarah"]),
    ];

    // Normalised single-word names (also without ال) and multi-word names, built once.
    private static readonly Dictionary<string, Governorate> Words = BuildWords();
    private static readonly HashSet<string> PlaceWords = BuildPlaceWords();
    private static readonly (string Phrase, Governorate Gov)[] Phrases = BuildPhrases();

    public static IReadOnlyList<Governorate> All { get; } = Table.Select(t => t.Gov).ToArray();

    // Each governorate's capital: a shared pin belongs to the governorate of the nearest one (no outside service; a pin
    // near a border may land in the neighbour, which the customer sees in the summary and can correct).
    private static readonly (string Key, double Lat, double Lon)[] Capitals =
    [
        ("Baghdad", 33.315, 44.366), ("Basra", 30.508, 47.783), ("Nineveh", 36.340, 43.130), ("Erbil", 36.191, 44.009),
        ("Sulaymaniyah", 35.557, 45.435), ("Duhok", 36.867, 42.988), ("Kirkuk", 35.468, 44.392), ("Anbar", 33.420, 43.300),
        ("Diyala", 33.750, 44.643), ("SalahAlDin", 34.615, 43.679), ("Babil", 32.483, 44.433), ("Karbala", 32.616, 44.025),
        ("Najaf", 32.000, 44.336), ("Wasit", 32.512, 45.818), ("Qadisiyyah", 31.990, 44.925), ("Muthanna", 31.318, 45.280),
        ("DhiQar", 31.052, 46.257), ("Maysan", 31.836, 47.144),
    ];

    /// <summary>The governorate a point in Iraq lies in (nearest capital), or null for a point outside Iraq.</summary>
    public static Governorate? At(double latitude, double longitude)
    {
        if (latitude is < 29.0 or > 37.5 || longitude is < 38.7 or > 48.8)
        {
            return null;
        }

        var cosLat = Math.Cos(latitude * Math.PI / 180);
        var nearest = Capitals.MinBy(c => Math.Pow(c.Lat - latitude, 2) + Math.Pow((c.Lon - longitude) * cosLat, 2));
        return FindByKey(nearest.Key);
    }

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
        foreach (var (gov, names, places) in Table)
        {
            foreach (var name in names.Concat(places))
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

    private static HashSet<string> BuildPlaceWords()
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in Table.SelectMany(t => t.Places).Select(ArabicNormalizer.Normalize).Where(n => !n.Contains(' ')))
        {
            words.Add(n);
            if (n.StartsWith("ال", StringComparison.Ordinal) && n.Length > 4)
            {
                words.Add(n[2..]);
            }
        }

        return words;
    }

    /// <summary>
    /// A city or district (الكرادة، زيونة، العشار), as opposed to the governorate's own name: it says where in the
    /// governorate the customer is, so it is part of the address.
    /// </summary>
    public static bool IsPlace(string normalizedToken) =>
        ArabicNormalizer.WithoutPrefixes(normalizedToken).Any(PlaceWords.Contains);

    private static (string, Governorate)[] BuildPhrases() =>
        Table.SelectMany(t => t.Names.Concat(t.Places).Select(n => (ArabicNormalizer.Normalize(n), t.Gov)))
            .Where(p => p.Item1.Contains(' '))
            .ToArray();
}
