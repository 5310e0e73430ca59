namespace AiSales.Core.Text;

/// <summary>
/// The broken plurals a singular noun may take, in normalised spelling (<see cref="ArabicNormalizer"/>): a shop lists
/// "حذاء", "قميص", "حقيبة", "بنطلون" and its customers write "احذية", "قمصان", "حقائب", "بناطيل" (or "a7thiya", "qumsan" in
/// Arabizi). Arabic plurals follow a handful of patterns of the root's consonants; the patterns here are the common ones
/// for things a shop sells. A pattern that does not apply to a word may still produce a form: forms are only compared
/// against what a customer wrote, never shown.
/// </summary>
public static class ArabicPlurals
{
    // فُعَل forms that are common words of their own: "شيل" is "remove", not shawls; "ريح" is wind.
    private static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal) { "شيل", "ريح" };

    /// <summary>Whether <paramref name="plural"/> is a broken plural of <paramref name="singular"/> (both normalised Arabic).</summary>
    public static bool IsPluralOf(string plural, string singular) =>
        plural.Length >= 3 && Of(singular).Contains(plural, StringComparer.Ordinal);

    /// <summary>The broken plural forms of a normalised Arabic singular (none for a Latin word or one shorter than three letters).</summary>
    public static IReadOnlyList<string> Of(string singular)
    {
        var s = singular;
        if (s.Length < 3 || !ArabicNormalizer.IsArabicLetter(s[0]) || !s.All(ArabicNormalizer.IsArabicLetter))
        {
            return [];
        }

        var forms = new List<string>(4);
        if (s.Length == 3)
        {
            forms.Add($"{s[0]}{s[1]}و{s[2]}");   // فعول: عطر → عطور
            forms.Add($"ا{s}");                   // أفعل: طقم → اطقم
            forms.Add($"ا{s[0]}{s[1]}ا{s[2]}");  // أفعال: قلم → اقلام
            forms.Add($"{s[0]}{s[1]}ا{s[2]}");   // فِعال: نعل → نعال
            if (s[2] == 'ا')
            {
                forms.Add($"ا{s[0]}{s[1]}يه");    // أفعلة of a word ending in a hamza after alef: حذاء → احذية, غطاء → اغطية
            }

            if (s[1] is 'ا' or 'و')
            {
                forms.Add($"{s[0]}ي{s[2]}ان");    // فيعان: تاج → تيجان, حوت → حيتان
            }
        }

        if (s.Length == 4 && s[3] == 'ه' && !CommonWords.Contains(s[..3]))
        {
            forms.Add(s[..3]);                    // فُعَل of a فُعلة: شنطه → شنط, جنطه → جنط
        }

        if (s.Length == 4 && s[2] is 'ا' or 'ي' && s[3] != 'ه')
        {
            forms.Add($"ا{s[0]}{s[1]}{s[3]}ه");   // أفعلة: طعام → اطعمه, سلاح → اسلحه, رغيف → ارغفه
        }

        if (s.Length == 4 && s[2] == 'ي' && s[3] != 'ه')
        {
            forms.Add($"{s[0]}{s[1]}{s[3]}ان");   // فعلان: قميص → قمصان, قضيب → قضبان
        }

        if (s.Length == 5 && s[4] == 'ه' && s[2] is 'ا' or 'ي' or 'و')
        {
            forms.Add($"{s[0]}{s[1]}اي{s[3]}");   // فعائل of a فعيلة/فعالة: حقيبه → حقايب (حقائب), رساله → رسايل
        }

        if (Quadriliteral(s) is { } q)
        {
            forms.Add($"{q[0]}{q[1]}ا{q[2]}{q[3]}");   // فعالل: قندره → قنادر
            forms.Add($"{q[0]}{q[1]}ا{q[2]}ي{q[3]}");  // فعاليل: فستان → فساتين, دشداشه → دشاديش, بنطلون → بناطيل
        }

        return forms;
    }

    /// <summary>
    /// The four consonants of a word that takes فعالل/فعاليل: its letters after the first without long vowels or a final ه,
    /// and without the ending "-ون"/"-ان" of a loanword ("بنطلون" is "بنطل" + ون).
    /// </summary>
    private static string? Quadriliteral(string s)
    {
        if (s.Length < 4)
        {
            return null;
        }

        var stem = s.EndsWith('ه') ? s[..^1] : s;
        var skeleton = stem[0] + new string(stem[1..].Where(c => c is not ('ا' or 'و' or 'ي')).ToArray());
        if (skeleton.Length == 5 && skeleton[^1] == 'ن' && (stem.EndsWith("ون", StringComparison.Ordinal) || stem.EndsWith("ان", StringComparison.Ordinal)))
        {
            skeleton = skeleton[..4];
        }

        return skeleton.Length == 4 ? skeleton : null;
    }
}
