using AiSales.Core.Ai.Text;

namespace AiSales.Core.Ai.Offline;

/// <summary>
/// The words and phrases that signal each intent, in Iraqi dialect, MSA, English and Arabizi.
/// Written the way people type; normalised once at start-up with the same <see cref="ArabicNormalizer"/>
/// as the messages, so شگد/شكد, أريد/اريد, تأخر/تاخر need only one entry.
/// Syntax: "word" whole word (particles like ال/و/ب stripped), "stem*" word prefix, "two words" phrase,
/// "two wo*" phrase whose last word may continue. A leading "~" marks a weak cue (a bare "I want").
/// </summary>
internal static class IntentLexicon
{
    // Declared before the sets built from it: static initialisers run in textual order.
    private static readonly HashSet<string> EnglishWords = new(StringComparer.Ordinal)
    {
        "hi", "hello", "hey", "hii", "price", "cost", "available", "availability", "stock", "size", "colour", "color", "small", "medium", "large",
        "xl", "xxl", "xs", "xxxl", "delivery", "deliver", "shipping", "ship", "arrive", "order", "buy", "cod", "late", "delayed", "broken",
        "damaged", "defective", "problem", "complaint", "complain", "refund", "wrong", "scam", "terrible", "human", "agent", "representative",
        "manager", "owner", "thanks", "thx", "ty", "tysm", "want", "reserve",
        "yes", "yeah", "yep", "ok", "okay", "sure", "confirm", "confirmed", "no", "nope", "cancel", "discount", "cheaper", "payment", "pay",
        "card", "visa", "cash", "transfer", "return", "exchange", "swap", "bye", "goodbye",
    };

    public static readonly IReadOnlyDictionary<CustomerIntent, string[]> Raw = new Dictionary<CustomerIntent, string[]>
    {
        [CustomerIntent.Greeting] =
        [
            "هلو", "هلا", "هلاو", "اهلا", "اهلين", "مرحبا", "مرحبه", "مراحب", "السلام عليكم", "سلام عليكم", "سلام",
            "شلونك*", "شلونكم", "شخبارك*", "شخباركم", "صباح الخير", "مساء الخير", "صباحو", "مساءو",
            "hi", "hello", "hey", "hii", "salam", "salaam", "slm", "marhaba", "mar7aba", "hala", "halo", "hallo",
            "shlonak", "shlonek", "shlonich", "shlonkum", "shlonk", "shkhbarak", "good morning", "good evening", "assalamu alaikum",
        ],
        [CustomerIntent.Price] =
        [
            "شكد", "شقد", "بيش", "ابيش", "ببيش", "بشكد", "بكم", "بكام", "كم السعر", "كم سعر*", "سعر*", "اسعار*", "ثمن*", "قيمته", "قيمتها",
            "how much", "price*", "cost*", "bkam", "b kam", "bikam", "shgad", "shkad", "shqad", "shged", "shgd",
            "si3r*", "se3r*", "s3r*", "bish", "besh", "ibesh", "bbesh",
        ],
        [CustomerIntent.Availability] =
        [
            "اكو", "ماكو", "عدكم", "عدك", "عدج", "عندكم", "عندك", "موجود*", "متوفر*", "متاح*", "خلص", "خلصت", "نفذ*", "باقي",
            "available", "availability", "in stock", "out of stock", "do you have", "have you got", "you have", "stock",
            "aku", "akoo", "maku", "makoo", "3dkm", "3edkm", "3indkum", "3dkom", "3ndkm", "mawjood", "mojood", "mawjod", "metwafer", "mitwafir",
        ],
        [CustomerIntent.Variant] =
        [
            "قياس*", "مقاس*", "حجم*", "احجام", "لون*", "الوان*", "سمول", "ميديم", "ميديوم", "لارج", "اكس لارج", "اكس اكس لارج",
            "size*", "colour*", "color*", "small", "medium", "large", "xl", "xxl", "xs", "xxxl",
            "qyas", "qiyas", "gyas", "giyas", "lon", "lawn", "alwan",
        ],
        [CustomerIntent.Delivery] =
        [
            "توصيل", "توصل*", "تدزون", "تدز", "يوصل", "توصيله", "يوصلني", "شوكت يوصل*", "يمته يوصل*", "متى يوصل*", "امتى يوصل*", "شحن", "وين موقعكم", "وين محلكم",
            "delivery", "deliver*", "shipping", "ship", "arrive", "tawseel", "tawsil", "twseel", "twsel", "tdizon", "tdezon", "shwakit", "shwket",
        ],
        [CustomerIntent.Order] =
        [
            "~اريد", "~اريده", "~اريدها", "~اريدهم", "~ابي", "~ابغى", "~اريد اطلب", "~ابغي", "~اشتري", "~ودي",
            "انطيني", "انطوني", "دزلي", "دزولي", "ادز", "دزوه", "احجزلي", "احجز*", "اطلب", "اطلبه", "اطلبها", "طلبيه", "اشتريه", "اثبت", "ثبتلي",
            "واصل الدفع",
            "~i want", "~want", "~i need", "order", "i ll take", "ill take", "buy", "send me", "reserve", "book it",
            "~areed", "~arid", "~ared", "~abi", "~a7ib", "intini", "inteeni", "inteni", "dizli", "dezli", "dizzli", "i7jizli", "ahjizli",
        ],
        [CustomerIntent.Complaint] =
        [
            "ما وصل*", "ماوصل*", "مو واصل", "ما اجه", "ما اجاني", "تاخر*", "متاخر*", "خربان*", "خربانه", "عاطل", "مكسور*", "مو زين*", "مو خوش", "مشكله", "مشاكل",
            "غلط", "رجعولي", "نصب", "نصابين", "حراميه", "سيء", "زفت",
            "not arrived", "didn t arrive", "didnt arrive", "never arrived", "hasn t arrived", "late", "delayed", "broken", "damaged", "defective",
            "problem", "complaint", "complain", "wrong", "scam", "terrible",
            "ma wusal", "ma wisal", "mawsal", "t2a5ar", "ta2akhar", "5arban", "kharban", "mo zein", "mo zen", "mushkila", "mushkilla", "moshkila",
        ],
        [CustomerIntent.WantsHuman] =
        [
            "موظف", "انسان", "صاحب المحل", "صاحب الصفحه", "صاحبه المحل", "المدير", "احكي ويه", "احكي ويا", "احجي ويه", "احجي ويا", "اكلم", "اتكلم ويا*", "اتكلم ويه*", "اتكلم مع",
            "بشر", "شخص حقيقي", "مو بوت", "انت بوت", "روبوت",
            "human", "agent", "real person", "representative", "manager", "owner", "talk to someone", "speak to someone", "talk to a person", "are you a bot", "not a bot",
            "insan", "mwazaf", "muwazaf", "muwadhaf", "a7chi", "ahchi", "a7ki",
        ],
        [CustomerIntent.Confirm] =
        [
            "اي", "ايه", "ايي", "ايوه", "نعم", "اكيد", "تمام", "اوكي", "اوك", "ماشي", "صح", "ثبت", "ثبته", "ثبتها", "ثبتلي", "اثبته", "اكد", "اكده", "موافق", "توكل على الله",
            "yes", "yeah", "yep", "ok", "okay", "sure", "confirm", "confirmed", "go ahead", "ee", "eh", "aywa", "tamam", "akeed", "thabit",
        ],
        [CustomerIntent.Cancel] =
        [
            "لا", "كلا", "ما اريد", "ماريد", "ما ابي", "الغي", "الغيه", "الغي الطلب", "بطلت", "مو هسه", "خليها بعدين", "غيرت رايي",
            "no", "nope", "cancel", "no thanks", "not now", "la", "la2", "ma areed",
        ],
        [CustomerIntent.Haggle] =
        [
            "خصم", "تخفيض", "تنزيل", "نزلي", "نزللي", "اخر سعر", "آخر سعر", "سعر خاص", "غالي", "غاليه", "discount", "cheaper", "last price", "too expensive", "5asm", "khasm",
        ],
        [CustomerIntent.Payment] =
        [
            "الدفع", "دفع", "ادفع", "الدفع عند الاستلام", "كاش", "كارد", "بطاقه", "فيزا", "ماستر كارد", "زين كاش", "تحويل", "payment", "pay", "card", "visa", "cash", "transfer",
        ],
        [CustomerIntent.ReturnOrExchange] =
        [
            "ارجاع", "ارجعه", "ارجعها", "استرجاع", "ابدل", "ابدله", "ابدلها", "تبديل", "استبدال", "return", "refund", "exchange", "swap", "tabdeel",
        ],
        [CustomerIntent.Farewell] =
        [
            "مع السلامه", "باي", "الله وياك", "الله وياكم", "في امان الله", "بامان الله", "تصبح على خير", "bye", "goodbye", "see you", "ma3a salama", "bye bye",
        ],
        [CustomerIntent.Thanks] =
        [
            "شكرا", "شكرن", "مشكور*", "تسلم*", "عاشت ايدك", "عاشت ايدج", "عاشت ايديك", "عاشت", "ممنون*", "الله يخليك", "يعطيك العافيه", "الله يعطيك العافيه", "تدلل",
            "thanks", "thank you", "thx", "thank u", "ty", "tysm",
            "shukran", "shokran", "mashkoor", "mashkor", "tislam", "teslam", "tslm", "3ashat eedak", "3ashat",
        ],
    };

    /// <summary>Phrases whose words would otherwise fire a wrong intent ("ماكو مشكلة" = no problem).</summary>
    public static readonly string[] Negated =
        new[] { "ماكو مشكله", "ماكو مشاكل", "مو مشكله", "لا مشكله", "بدون مشاكل", "no problem", "no problems", "not a problem", "no worries", "maku mushkila", "mako mshkla" }
            .Select(ArabicNormalizer.Normalize).ToArray();

    /// <summary>
    /// A cue that means something else inside a phrase: "بكم" is "how much" but "مرحبا بكم" is "welcome".
    /// The phrase itself stays (it may carry its own intent); only that cue is ignored.
    /// </summary>
    public static readonly (string Cue, string Phrase)[] CueExceptions =
        new[] { ("بكم", "مرحبا بكم"), ("بكم", "اهلا بكم"), ("بكم", "اهلا وسهلا بكم"), ("بكم", "نورتوا بكم"), ("اكو", "اكو شي"), ("خلص", "خلص الطلب") }
            .Select(e => (ArabicNormalizer.Normalize(e.Item1), ArabicNormalizer.Normalize(e.Item2))).ToArray();

    public static readonly IReadOnlyList<Cue> Cues = Raw
        .SelectMany(kv => kv.Value.Select(raw => Cue.Parse(kv.Key, raw)))
        .ToArray();

    /// <summary>Stems of prefix cues ("سعر*"): words starting with them are question words, not product names.</summary>
    public static readonly IReadOnlyList<string> CueStems = Cues
        .Where(c => c.IsPrefix && !c.IsPhrase && c.Text.Length >= 3)
        .Select(c => c.Text)
        .Distinct()
        .ToArray();

    /// <summary>Every normalised cue word: product matching ignores these so "هلو" or "شكد" never match a product.</summary>
    public static readonly IReadOnlySet<string> CueWords = Cues
        .SelectMany(c => c.Text.Split(' '))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Latin words that are only Arabizi (never English) — they make a Latin-script message Arabizi.</summary>
    public static readonly IReadOnlySet<string> ArabiziWords = Raw.Values.SelectMany(v => v)
        .Select(r => r.TrimStart('~').TrimEnd('*'))
        .Where(r => r.Length > 0 && char.IsAsciiLetter(r[0]) && !EnglishWords.Contains(r) && !r.Contains(' '))
        .Append("shlon").Append("habibi").Append("7abibi").Append("hwaya").Append("zein").Append("zain").Append("shunu").Append("shno").Append("hatha").Append("hay").Append("wayak").Append("inta").Append("ani").Append("hassa").Append("hesa")
        .ToHashSet(StringComparer.Ordinal);
}

/// <summary>One parsed lexicon entry.</summary>
internal sealed record Cue(CustomerIntent Intent, string Text, bool IsPhrase, bool IsPrefix, bool IsWeak)
{
    public static Cue Parse(CustomerIntent intent, string raw)
    {
        var weak = raw.StartsWith('~');
        var body = raw.TrimStart('~');
        var prefix = body.EndsWith('*');
        var text = ArabicNormalizer.Normalize(body.TrimEnd('*'));
        return new Cue(intent, text, text.Contains(' '), prefix, weak);
    }

    public bool Matches(NormalizedMessage message, out string matched)
    {
        matched = Text;
        if (IsPhrase)
        {
            return IsPrefix ? message.ContainsPhrasePrefix(Text) : message.ContainsPhrase(Text);
        }

        if (!IsPrefix)
        {
            return message.HasToken(Text);
        }

        var hit = message.FirstTokenStartingWith(Text);
        matched = hit ?? Text;
        return hit is not null;
    }
}
