using AiSales.Core.Text;


namespace AiSales.Core.Replies.Offline;

/// <summary>
/// Colours and materials, and the little words around a product question. They are deliberately NOT lexicon cues:
/// "اسود" or "جلد" are part of product names ("جاكيت جلد اسود"), and <see cref="ProductMatcher"/> ignores cue words.
/// The detector uses them only in context: "اكو منه اسود؟" or "is it cotton?" asks for a variant, while
/// "اكو عبايات سود؟" names a product and stays an availability question.
/// </summary>
internal static class VariantWords
{
    public static readonly IReadOnlySet<string> Attributes = Build(
        // Colours (masculine, feminine, plural as Iraqis write them).
        "اسود", "سود", "سودا", "سوده", "ابيض", "بيض", "بيضا", "بيضه", "احمر", "حمر", "حمرا", "حمره", "ازرق", "زرق", "زرقا", "زرقه", "اخضر", "خضر", "خضرا", "خضره",
        "اصفر", "صفر", "صفرا", "صفره", "وردي", "ورديه", "بنفسجي", "رصاصي", "رمادي", "بني", "بنيه", "بيج", "كحلي", "سمائي", "ذهبي", "فضي", "جوزي", "نيلي",
        "برتقالي", "زيتوني", "عنابي", "شذري", "نهدي", "فاتح", "غامق",
        "black", "white", "red", "blue", "green", "yellow", "pink", "purple", "grey", "gray", "brown", "beige", "navy", "gold", "silver", "orange", "maroon",
        "aswad", "abyadh", "abyad", "a7mar", "azraq", "azrag", "akhdar", "a5dhar", "asfar", "wardi", "rasasi", "bunni", "ka7li", "beij",
        "bej", "beej", "beji", "zarga", "khadra", "hamra", "7amra", "ku7li", "rsasi", "bee5a", "beedha",
        // Materials, finish and season.
        "قطن", "قطني", "بوليستر", "جلد", "جلدي", "حرير", "صوف", "كتان", "شيفون", "ساتان", "مخمل", "دانتيل", "نايلون", "طبيعي", "صناعي", "ساده", "مطبوع", "ثخين",
        "شتوي", "صيفي", "مطفي", "يلمع",
        "cotton", "polyester", "leather", "silk", "wool", "linen", "chiffon", "satin", "velvet", "lace", "nylon",
        "qutn", "gutn", "jild", "7arir", "soof");

    /// <summary>Words that name neither a product nor a variant: pronouns, particles, politeness, "one of it".</summary>
    public static readonly IReadOnlySet<string> Function = Build(
        "من", "في", "على", "عن", "الى", "هذا", "هذه", "هذي", "هاذ", "هاي", "هاذي", "ذا", "بس", "يا", "و", "او", "لو", "اني", "انت", "انتم", "شنو", "شو", "شي", "كل",
        "مال", "مالت", "ماله", "مالها", "حبيبي", "حبيبتي", "اخي", "اخوي", "عيني", "رجاء", "رجاءا", "لطفا", "ممكن", "منه", "منها", "بيه", "بيها", "بي", "اذا", "هم",
        "بعد", "بعده", "هسه", "غير", "ثاني", "ثانيه", "هل", "ها", "يعني", "نفس", "كلش", "شويه", "والله", "خيو", "خيتي", "عمي", "خالة", "ايضا", "كذلك", "بلون",
        "the", "a", "an", "is", "are", "of", "for", "to", "and", "or", "this", "that", "it", "do", "does", "you", "your", "have", "what", "me", "my", "please", "pls",
        "plz", "i", "can", "in", "one", "also", "same", "other", "another", "come", "comes", "still", "got",
        "hatha", "hay", "bas", "shunu", "shno", "minna", "minha", "b", "el", "al", "lo", "wala", "hassa", "3ad");

    /// <summary>Counts of items: "انطيني ثنين" names what to buy even without a product noun.</summary>
    public static readonly IReadOnlySet<string> Quantities = Build(
        "واحد", "وحده", "ثنين", "اثنين", "ثنتين", "ثلاث", "ثلاثه", "قطعه", "قطعتين", "حبه", "حبتين", "one", "two", "three", "wa7id", "wa7da", "thnen");

    private static HashSet<string> Build(params string[] words) =>
        words.Select(ArabicNormalizer.Normalize).ToHashSet(StringComparer.Ordinal);
}
