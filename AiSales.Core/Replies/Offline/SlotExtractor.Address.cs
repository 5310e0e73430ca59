using System.Text.RegularExpressions;
using AiSales.Core.Text;

namespace AiSales.Core.Replies.Offline;

/// <summary>The address in a message: the segments a courier needs, without the phone, the labels and the courtesies.</summary>
public static partial class SlotExtractor
{
    private static readonly string[] AddressMarkers =
        new[]
        {
            "عنوان", "عنواني", "العنوان", "منطقه", "منطقة", "حي", "شارع", "محله", "محلة", "زقاق", "قرب", "يم", "مقابل", "جنب", "خلف", "بجانب", "قريب من",
            "ساحه", "جامع", "مدرسه", "سوق", "مستشفى", "دور", "بنايه", "عماره",
            "near", "street", "st", "district", "address", "opposite", "behind", "next to", "area", "neighborhood", "road",
            "qurb", "yam", "mantiqa", "shari3", "7ay",
        }.Select(ArabicNormalizer.Normalize).Distinct().ToArray();

    /// <summary>
    /// Every segment with an address word ("حي الأمير، قرب مدرسة الزهراء" is one address), joined, with the segments
    /// around them that name the governorate or a district ("بغداد، المنصور، شارع 14 رمضان": a courier needs the
    /// district as much as the street) and a plain word between two such segments ("بغداد، البلديات، شارع 5").
    /// </summary>
    private static (string? Address, IReadOnlyList<string>? Source) Address(string text)
    {
        var segments = text.Split(['\n', '،', ','], StringSplitOptions.RemoveEmptyEntries)
            .Where(s => !string.IsNullOrWhiteSpace(s))
            .ToList();
        var kinds = segments.Select(SegmentKind).ToArray();
        if (!kinds.Contains(AddressSegment.Marked))
        {
            return (null, null);
        }

        var parts = new List<string>();
        var sources = new List<string>();
        for (var i = 0; i < segments.Count; i++)
        {
            var joins = kinds[i] is AddressSegment.Marked or AddressSegment.Place
                || (kinds[i] == AddressSegment.PlainWords && i > 0 && i < segments.Count - 1
                    && kinds[i - 1] is AddressSegment.Marked or AddressSegment.Place && kinds[i + 1] is AddressSegment.Marked or AddressSegment.Place);
            var cleaned = joins ? CleanAddress(segments[i].Trim()) : "";
            if (cleaned.Length >= 3)
            {
                parts.Add(cleaned);
                sources.Add(segments[i]);
            }
        }

        // Joined with the comma of the script the customer wrote in ("Baghdad, Karrada, street 62").
        var comma = parts.Any(p => p.Any(ArabicNormalizer.IsArabicLetter)) ? "، " : ", ";
        return parts.Count == 0 ? (null, null) : (string.Join(comma, parts), sources);
    }

    private enum AddressSegment { Other, Marked, Place, PlainWords }

    /// <summary>
    /// What one comma-separated segment is: it has an address word, it names a governorate or district (and nothing
    /// said about the order: no size, colour or count), or it is a few plain words that may be a district this table
    /// does not know.
    /// </summary>
    private static AddressSegment SegmentKind(string segment)
    {
        // "بغداد المنصور 0770…": the phone sits beside the place but is not part of it (CleanAddress drops it).
        var normalized = new NormalizedMessage(WithoutPhoneDigits(Digits.Fold(segment)).Trim());
        if (AddressMarkers.Any(m => m.Contains(' ') ? normalized.ContainsPhrase(m) : normalized.Tokens.Any(t => ArabicNormalizer.WithoutPrefixes(t).Contains(m))))
        {
            return AddressSegment.Marked;
        }

        var tokens = normalized.Tokens;
        if (tokens.Count is 0 or > 4 || tokens.Any(t => IsDetailWord(t) || t.Any(char.IsDigit)))
        {
            return AddressSegment.Other;
        }

        return Governorates.Detect(normalized) is not null || tokens.Any(Governorates.IsPlace) ? AddressSegment.Place
            : tokens.Count <= 2 && tokens.All(t => t.Length >= 3) ? AddressSegment.PlainWords : AddressSegment.Other;
    }

    /// <summary>The line without the phone number and its label, and from the address label on ("رقمي … والعنوان حي بابل").</summary>
    public static string CleanAddress(string line)
    {
        var withoutPhone = WithoutPhoneDigits(Digits.Fold(line));
        var label = AddressLabelAnywhere().Match(withoutPhone);
        var fromLabel = label.Success ? withoutPhone[(label.Index + label.Length)..] : withoutPhone;
        // "المحافظة: البصرة، المنطقة: الزبير": the form's labels are not part of the address.
        var withoutPhoneWords = FieldLabels().Replace(PhoneWords().Replace(fromLabel, " "), " ");
        var withoutCourtesy = LeadingCourtesy().Replace(Spaces().Replace(withoutPhoneWords, " ").Trim(' ', '-', ':', '.', '،', ','), "");
        // "deliver to baghdad karrada", "وصلوه الى الكرادة", "I'm in Basra": the request is not part of the address.
        var withoutRequest = LeadingRequest().Replace(withoutCourtesy, "").Trim(' ', '-', ':', '.', '،', ',');
        return LeadingWhereILive().Replace(withoutRequest, "").Trim(' ', '-', ':', '.', '،', ',');
    }

    /// <summary>Whether a text has an address word (street, near, district…), as a street or landmark line does.</summary>
    public static bool HasAddressWord(string text) => SegmentKind(text) == AddressSegment.Marked;

    /// <summary>Whether a text names a governorate or one of its cities or districts.</summary>
    public static bool NamesPlace(string text)
    {
        var message = new NormalizedMessage(text);
        return Governorates.Detect(message) is not null || message.Tokens.Any(Governorates.IsPlace);
    }

    [GeneratedRegex(@"(?:^|\s)(?:و?العنوان|عنواني|عنوان|(?:my |the )?address is|address|el3enwan|el3inwan)\s*[:：-]?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex AddressLabelAnywhere();

    [GeneratedRegex(@"(?:^|\s)(?:و?رقمي|و?الرقم|رقم الموبايل|رقم الهاتف|و?الهاتف|هاتفي|موبايلي|my number is|my phone is|phone|number|mobile|raqmi)\s*[:：-]?", RegexOptions.IgnoreCase)]
    private static partial Regex PhoneWords();

    // "عفوا الرقم 0770… الكرادة", "اوكي الديوانية…": an apology, correction or okay before a detail is not part of the address.
    [GeneratedRegex(@"^(?:(?:عفوا|عفواً|اسف|آسف|سوري|اقصد|أقصد|يعني|صح|تصحيح|اوكي|اوك|تمام|طيب|ماشي|sorry|i mean|correction|ok|okay)(?=[\s,،:.-])[\s,،:.-]*)+", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingCourtesy();

    [GeneratedRegex(@"^(?:.*?[\s,،])??(?:(?:please\s+)?(?:deliver(?:ed)?|send|ship|bring)(?:\s+(?:it|them|the order))?\s+to|delivery\s+to|(?:وصلوه|وصلوها|وصلوهم|دزوه|دزوها|دزوهم|ارسلوه|ارسلوها|ابعثوه|ابعثوها|التوصيل)\s+(?:الى|إلى|على|ل)?)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingRequest();

    [GeneratedRegex(@"(?:^|(?<=[\s,،]))(?:المحافظ[هة]|المنطق[هة]|المدين[هة]|القضاء|الناحي[هة]|governorate|province|city|area|district|region)\s*[:：]", RegexOptions.IgnoreCase)]
    private static partial Regex FieldLabels();

    [GeneratedRegex(@"^(?:(?:i'?m|i am|we'?re|we are|i live|we live)\s+(?:(?:living|based)\s+)?(?:in|at|from)|(?:انا|اني|احنا|نحن)\s+(?:من|في|ساكن|ساكنه|ساكنة|اسكن|نسكن))\s+", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingWhereILive();
}
