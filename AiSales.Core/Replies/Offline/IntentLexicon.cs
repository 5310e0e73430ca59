using AiSales.Core.Text;


namespace AiSales.Core.Replies.Offline;

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
    // Every single-word English cue must be listed here, or ArabiziWords would call an English message Arabizi.
    private static readonly HashSet<string> EnglishWords = new(StringComparer.Ordinal)
    {
        "hi", "hello", "hey", "hii", "morning", "evening", "price", "pricing", "cost", "available", "availability", "stock", "size", "sizes", "colour", "color",
        "small", "medium", "large", "xl", "xxl", "xs", "xxxl", "bigger", "smaller", "larger", "material", "fabric", "delivery", "deliver", "shipping", "ship",
        "arrive", "located", "location", "courier", "order", "buy", "cod", "late", "delayed", "broken", "damaged", "defective", "torn", "ripped", "missing",
        "problem", "complaint", "complain", "wrong", "scam", "terrible", "rude", "refund", "return", "exchange", "swap", "human", "agent", "representative",
        "manager", "owner", "support", "thanks", "thank", "thx", "ty", "tysm", "cheers", "appreciate", "appreciated", "want", "need", "reserve", "discount",
        "discounts", "cheaper", "expensive", "pricey", "offers", "promo", "coupon", "deal", "pay", "payment", "card", "cards", "visa", "mastercard", "cash",
        "transfer", "prepayment", "prepay", "deposit", "installments", "bye", "goodbye", "goodnight", "yes", "yeah", "yep", "yup", "ok", "okay", "okey",
        "sure", "alright", "correct", "confirm", "confirmed", "agreed", "no", "nope", "nah", "cancel", "cancelled", "bot", "robot", "faded", "located", "accept", "any",
        "yo", "prise", "howmuch", "avail", "availble", "avalible", "delivry", "nvm", "broke", "unhappy", "cya", "ttyl",
    };

    public static readonly IReadOnlyDictionary<CustomerIntent, string[]> Raw = new Dictionary<CustomerIntent, string[]>
    {
        [CustomerIntent.Greeting] =
        [
            "هلو", "هلا", "هلاو", "اهلا", "اهلين", "مرحبا", "مرحبه", "مرحبتين", "مراحب", "السلام عليكم", "سلام عليكم", "سلام", "سلامات", "شكو ماكو",
            "شلونك*", "شلونكم", "شلونج", "شخبارك*", "شخباركم", "صباح الخير", "مساء الخير", "صباح النور", "مساء النور", "صباحو", "صباحو*", "مساءو", "مساكم*", "صباحكم*",
            "الله بالخير", "تحيه طيبه", "طاب يومكم", "كيف الحال", "كيف حالكم", "كيف حالك",
            "hi", "hello", "hey", "hii", "salam", "salaam", "slm", "marhaba", "mar7aba", "hala", "halo", "hallo", "halaw", "hlaw",
            "shlon*", "shkhbar*", "good morning", "good evening", "good afternoon", "morning", "how are you", "assalamu alaikum", "sabah", "masa2", "yo", "mar7ab*", "marhab*",
        ],
        [CustomerIntent.Price] =
        [
            "شكد", "شقد", "اشكد", "اشقد", "بيش", "ابيش", "ببيش", "بشكد", "بكم", "بكام", "كم السعر", "كم سعر*", "سعر*", "اسعار*", "ثمن*", "قيمته", "قيمتها", "تكلفه*",
            "how much", "price*", "cost*", "bkam", "b kam", "bikam", "shgad", "shkad", "shqad", "shged", "shgd",
            "si3r*", "se3r*", "s3r*", "bish", "besh", "ibesh", "bbesh", "شكدسعر*", "بيشسعر*", "يكلف*", "كم تكلف*", "prise", "how much for", "howmuch", "hw much", "ashgad", "ashqad", "ishgad",
            "bshgad", "bshkad", "bshqad", "bshged", "bishgad", "beshgad", "b shgad", "b shkad",
        ],
        [CustomerIntent.Availability] =
        [
            "اكو", "ماكو", "عدكم", "عدك", "عدج", "عندكم", "عندك", "لديكم", "لديك", "يوجد", "موجود*", "متوفر*", "يتوفر*", "متاح*", "خلصت", "نفذ*", "نفد*", "باقي", "~خلص",
            "available", "availability", "in stock", "out of stock", "sold out", "do you have", "do u have", "have you got", "you have", "still have", "you sell", "do you sell", "stock", "~any",
            "تبيعون", "تبيعين", "تبيع", "يبيعون", "تبيعوا",
            "aku", "akoo", "maku", "makoo", "3dkm", "3edkm", "3indkum", "3dkom", "3ndkm", "3ndkom", "3ndkum", "3andkom", "3andkum", "3indkom", "3endkom", "3endkum", "3dkum", "3idkum", "3edkum", "mawjood", "mojood", "mawjod", "metwafer", "mitwafir", "~5ilas", "~khalas", "mawjood*", "mitwaf*", "metwaf*", "~5las", "5lsat", "5lasat", "5alsat", "avail*", "availble", "avalible", "still have it", "u have",
        ],
        [CustomerIntent.Variant] =
        [
            "قياس*", "مقاس*", "حجم*", "احجام", "لون*", "الوان*", "سمول", "ميديم", "ميديوم", "لارج", "اكس لارج", "اكس اكس لارج", "اكبر", "اصغر",
            "قماش*", "خامه*", "طول*", "بلون*", "size*", "colour*", "color*", "small", "medium", "large", "xl", "xxl", "xs", "xxxl", "bigger", "smaller", "larger",
            "material", "fabric", "run small", "runs small", "run big", "true to size", "in size",
            "qyas*", "qiyas*", "gyas*", "giyas*", "lon", "lawn", "alwan", "qmash", "gmash", "akbar", "asghar",
        ],
        [CustomerIntent.Delivery] =
        [
            "توصيل*", "توصل*", "تدزون", "تدز", "يوصل*", "يصل", "شوكت يوصل*", "يمته يوصل*", "متى يوصل*", "امتى يوصل*", "شحن*", "تشحن*", "مندوب", "كم يوم", "شكد يوم",
            "ياخذ وقت", "يستغرق", "سيصل*", "وين موقعكم", "وين محلكم", "اين يقع", "وين يقع", "عنوانكم", "موقعكم", "محلكم وين", "استلم من المحل", "باب البيت",
            "delivery", "deliver*", "delivry", "shipping", "ship", "arrive*", "how long", "how many days", "located", "where is your shop", "where is your store", "pick it up", "pick up", "courier",
            "tawseel", "tawsil", "twseel", "twsel", "tdizon", "tdezon", "shwakit", "shwket", "yoosal", "yosal", "yusal", "shi7n", "mandoob", "cham yom", "kam yom", "maw8i3*", "mawqi3*",
        ],
        [CustomerIntent.Payment] =
        [
            "دفع*", "ادفع*", "ندفع*", "تدفع*", "عند الاستلام", "كاش", "نقدا", "نقدي", "كارد", "فيزا", "ماستر*", "زين كاش", "كي كارد", "بطاقه*", "بطاقات", "تحويل*", "احول*",
            "حواله*", "عربون", "تقبلون*", "مقدم", "مسبقا", "تقسيط", "اقساط", "رصيد", "فلوس",
            "pay", "payment*", "paying", "cash", "card", "cards", "visa", "mastercard", "master card", "transfer", "prepay*", "in advance", "deposit", "installments",
            "cod", "cash on delivery", "pay on delivery", "zain cash", "zaincash", "fib",
            "daf3", "ad2a3", "adfa3", "adf3", "adfa3*", "tqabloon", "taqbaloon", "nidfa3", "tidfa3",
        ],
        [CustomerIntent.Order] =
        [
            "~اريد", "~اريده", "~اريدها", "~اريدهم", "~ابي", "~ابيه", "~ابيها", "~ابغى", "~اريد اطلب", "~ابغي", "~ودي", "~احتاج", "~ارغب", "~اود",
            "انطيني*", "انطوني*", "نطيني*", "دزلي*", "دزولي", "ادز", "دز", "دزوه", "دزه", "دزها", "احجزلي", "احجز*", "حجزلي", "اطلب*", "طلبيه", "اشتري*", "ساشتري", "ساطلب", "شراء",
            "اثبت", "ثبتلي", "سجلي*", "سجلني", "خليلي", "حطلي", "اخذه", "اخذها", "اخذهم", "اخذ", "ناخذ", "ساخذ", "ساخذه", "ساخذها", "باخذ", "راح اخذ*",
            "~i want", "~want", "~i need", "~need", "~order", "to order", "place an order", "i ll take", "ill take", "i will take", "i ll have", "buy", "send me", "reserve*",
            "book it", "put me down", "حجز", "a7jiz*", "i7jiz*", "i d like", "id like", "i would like", "i ll get", "make it",
            "~can i get", "~could i get", "~can i have", "~could i have", "~may i have",
            "~areed*", "~ariid*", "~arid", "~ared", "~abi", "~aby", "~abee", "~abiha", "~abih", "~abga", "~abgha", "~a7ib", "intini", "inteeni", "inteni", "dizli", "dezli", "dizzli", "i7jizli", "ahjizli", "a5ith*", "akhith*", "sajilli", "a6lub", "atlub",
        ],
        [CustomerIntent.Haggle] =
        [
            "خصم*", "تخفيض*", "تخفيضات", "تنزيل*", "نزللي", "نزلي", "نزل شويه", "نزل بالسعر", "تنزل*", "اخر سعر", "اخر شي", "اخر كلام", "سعر خاص", "سعر حلو", "سويلي سعر",
            "تسوولي سعر", "تسويلي سعر", "تسوي سعر", "سعر افضل", "سعرا افضل", "افضل سعر", "عرض على", "عرض عل", "اي عرض", "any offer*", "can u do", "could you do", "sawili si3r", "sawwili si3r", "غالي*", "غال", "غاليه", "السعر عالي", "سعره عالي", "سعرها عالي", "السعر كثير", "كثير السعر", "مرتفع", "مبالغ", "ارخص", "عروض", "عرض خاص", "مجال", "كود خصم",
            "discount*", "cheaper", "lower the price", "better price", "best price", "final price", "last price", "too expensive", "expensive", "pricey", "deal",
            "offers", "promo*", "coupon", "can you do",
            "5asm", "khasm", "ghaly*", "ghalya", "ghalia", "a5ir si3r", "akhir si3r", "ghali*", "nazzil*", "nazil*", "tanzeel", "3urood", "si3r 5as",
        ],
        [CustomerIntent.Complaint] =
        [
            "ما وصل*", "ماوصل*", "مو واصل", "لم يصل*", "ما اجه", "ما اجا", "ما جا", "تاخر*", "متاخر*", "خربان*", "خربانه", "عاطل", "مكسور*", "مو زين*", "مو خوش",
            "مشكله", "مشاكل", "يطلع بالغسيل", "باخ", "ممزق*", "مشقوق*", "مفتوحه", "تالف*", "معيب*", "خاطي*", "مستعمل*", "ناقص*", "كذب", "زعلان*", "شكوي", "شكوه",
            "غلط", "مو اللي طلبت*", "غير اللي طلبت*", "مو اللي اخترت*", "لا يطابق", "الصوره غير", "صارلي*", "صار اسبوع", "قليل ادب", "نصب", "نصابين", "حراميه", "سيء", "سيئه", "سيئ", "زفت",
            "not arrived", "didn t arrive", "didnt arrive", "never arrived", "hasn t arrived", "haven t received", "still haven t", "still nothing", "never came",
            "late", "delayed", "broken", "damaged", "defective", "torn", "ripped", "missing", "bad quality", "poor quality", "quality is", "different from the picture",
            "not as described", "it s been", "been a week", "faded", "problem", "complaint", "complain", "wrong", "scam", "terrible", "rude",
            "ma wusal*", "ma wisal*", "ma wasal*", "ma wsal*", "mu 5osh", "mo 5osh", "mu zein", "mu zen", "wen sar talabi", "wen talabi", "wein talabi", "wsalni ghalat", "وين طلبي", "وين صار طلبي", "وين وصل طلبي", "اين طلبي", "حاله طلبي", "حاله الطلب", "ما يرد*", "مايرد*", "محد يرد*", "ما يجاوب*", "مايجاوب*", "غير راض*", "مو راضي*", "مو راضيه", "where is my order", "where s my order", "wheres my order", "where is my package", "order status", "still waiting", "its been", "been days", "and nothing", "broke", "unhappy", "not happy", "mawsal", "t2a5ar", "ta2akhar", "mit2a5ir", "5arban*", "kharban*", "mo zein", "mo zen", "mushkila", "mushkilla", "moshkila", "ghalat",
        ],
        [CustomerIntent.ReturnOrExchange] =
        [
            "ارجاع*", "استرجاع*", "استرجع*", "استرداد*", "استرد*", "ارجعه", "ارجعها", "ارجعهم", "ارجع القطعه", "اريد ارجع", "ابي ارجع", "اكدر ارجع*", "نرجعه", "ينرجع", "يترجع",
            "ترجعون", "ترجعولي", "رجعولي", "تردولي", "رجعوا الطلب", "فلوسي", "ابدل*", "ابدال", "نبدل*", "ينبدل", "يتبدل", "تبديل*", "استبدال*", "استبدل*", "اغير*", "تغيير*",
            "refund*", "return*", "exchange*", "اعاده المنتج", "اعاده القطعه", "اعاده الطلب", "اعادته", "اعادتها", "arj3*", "ytbadal*", "yitbadal*", "tbadal*", "floosi", "swap*", "send it back", "money back",
            "arja3*", "rajja3*", "abaddil*", "abadl*", "abaddl*", "abadil*", "tabdeel", "istirja3", "istibdal", "flosi",
        ],
        [CustomerIntent.WantsHuman] =
        [
            "give me a call", "someone from your team", "اتصلوا بي", "اتصلولي", "كلموني", "موظف*", "انسان", "صاحب المحل", "صاحب الصفحه", "صاحبه المحل", "المدير", "مسوول", "المسوول", "الاداره", "خدمه العملاء",
            "احكي ويه", "احكي ويا", "احجي ويه", "احجي ويا", "اكلم", "اتكلم ويا*", "اتكلم ويه*", "اتكلم مع", "التحدث", "التواصل مع",
            "احد يرد", "احد يتواصل*", "حد يتواصل*", "يتواصل وياي", "يتواصل معي", "تواصلوا معي", "تتواصلون وياي", "yetwasal*", "yitwasal*", "ytwasal*", "احد يحكي", "حد يحكي", "احد يفهم*", "احد يتصل", "حد يتصل", "يتصل بي*", "يتصل علي*", "اتصلو بي*", "اتصلوا بي*", "احد من المحل", "حولني*", "حولوني*", "تحويلي",
            "بشر", "شخص حقيقي", "شخص حقيقي*", "شخصا حقيقيا", "احد حقيقي", "مو بوت", "انت بوت", "روبوت", "رد الي", "رد تلقائي",
            "human", "agent", "real person", "representative", "manager", "owner", "talk to someone", "speak to someone", "talk to a person", "are you a bot", "not a bot",
            "customer service", "support", "speak to", "talk to", "speak with", "talk with", "someone who speaks", "anyone who speaks", "call me", "someone call",
            "insan", "mwazaf", "sa7ib el ma7al", "sahib el mahal", "sa7b el ma7al", "ytasil*", "yitasil*", "muwazaf", "muwadhaf", "a7chi", "ahchi", "a7ki", "y7chi", "mas2ool", "mudeer", "robot", "bot",
        ],
        [CustomerIntent.Thanks] =
        [
            "شكرا", "شكرن", "مشكور*", "تسلم*", "يسلمو", "عاشت ايدك", "عاشت ايدج", "عاشت ايديك", "عاشت ايديكم", "عاشت", "ممنون*", "الله يخليك", "يعطيك العافيه", "يعطيكم العافيه",
            "تدلل", "ما قصرت*", "جزاك الله", "جزاكم الله", "بارك الله", "اشكرك*", "اشكركم",
            "thanks", "thank you", "thx", "thank u", "ty", "tysm", "cheers", "appreciate*",
            "shukran", "shokran", "ممتن*", "tislam*", "mamnoon*", "mashkoor*", "mashkor*", "tislam", "teslam", "tslm", "3ashat eedak", "3ashat", "mamnoon", "y5aleek", "ykhalleek",
        ],
        [CustomerIntent.Farewell] =
        [
            "مع السلامه", "مع سلامه", "باي", "الله ويا*", "امان الله", "تصبح*", "اشوفك*", "نشوفك*", "بخاطرك*", "خاطركم", "اودعك*", "اودعنا*", "استودعك*", "وداعا",
            "الى اللقاء", "الى لقاء*", "فمان الله", "بامان الله", "فيمان الله", "طابت ليلت*", "اراكم*", "نراكم*", "في رعايه الله", "تعيش", "~الله يحفظك*", "~ربي يحفظك*",
            "bye*", "goodbye", "see you", "see ya", "see u", "cya", "ttyl", "fiman allah", "fi aman allah", "tisba7*", "take care", "good night", "goodnight", "talk later", "catch you later", "have a nice day", "have a good day",
            "ma3a salama", "m3a salama", "ma3a alsalama", "ma3 salama", "salama", "wyak*", "wiyak*", "amanillah", "aman allah", "tisba7", "tesba7", "nshofkum", "ashofak", "~y7fthak", "~y7fadhak",
        ],
        [CustomerIntent.Confirm] =
        [
            "ثبت", "ثبته", "ثبتها", "ثبتوه", "ثبتوها", "اكد", "اكده", "اكدلي", "اكدوا", "اوكد", "موافق*", "موافج*", "اوافق", "اتفقنا", "خلي يمشي",
            "~bet", "~اي", "~ايي", "~ايه", "~ايوه", "~ايوا", "~نعم", "~اجل", "~تمام", "~اوكي", "~اوك", "~ماشي", "~صح", "~صحيح", "~مضبوط", "~اكيد", "~طبعا", "~يب", "~حسنا", "~صحيحه", "~بالتاكيد", "كلشي صحيح*", "المعلومات صحيح*",
            "confirm*", "go ahead", "agreed", "sounds good",
            "~yes", "~yeah", "go for it", "do it", "lets do it", "let s do it", "~yep", "~yup", "~ok", "~okay", "~okey", "~sure", "~alright", "~correct",
            "thabbit*", "akkid", "~eh", "~ee", "~ay", "~aah", "~tamam", "~tmam", "~tmm", "~mashi", "~sa7", "~na3am", "~akeed",
        ],
        [CustomerIntent.Cancel] =
        [
            "الغي*", "الغ", "الغاء", "الغوا", "الغو", "بطلت", "بطلنا", "ما اريد*", "ماريد*", "لا اريد*", "ما ابي*", "مابي", "لا ابي", "ما احتاج", "ما يحتاج", "مو لازم", "مو هسه", "بعدين", "الغو*", "لم اعد*", "ما عدت اريد*", "تراجعت*", "ليس الان", "مره لخ", "another time", "nvm", "alghi*", "algh", "ma arid*", "ma ared*", "~laa",
            "ما راح اخذ*", "لا ارغب", "لست مهتم*", "مو مهتم*", "غيرت رايي", "عدلت", "لا تدز*", "لا ترسل*",
            "~لا", "~لاء",
            "cancel*", "not interested", "not now", "maybe later", "never mind", "nevermind", "changed my mind", "don t want", "dont want", "no thanks", "no thank you",
            "don t send", "~no", "~nope", "~nah",
            "elghi*", "ilghi*", "battal*", "ma areed*", "ma abi", "mo hassa", "mu hassa", "ba3dain", "ba3dein", "ma a7taj", "~la",
        ],
    };

    /// <summary>Phrases whose words would otherwise fire a wrong intent ("ماكو مشكلة" = no problem).</summary>
    public static readonly string[] Negated =
        new[]
        {
            "ماكو مشكله", "ماكو مشاكل", "مو مشكله", "لا مشكله", "بدون مشاكل", "no problem", "no problems", "not a problem", "no worries", "maku mushkila", "mako mshkla",
            "مو غالي", "مو غاليه", "not expensive",
        }
            .Select(ArabicNormalizer.Normalize).ToArray();

    /// <summary>
    /// A cue that means something else inside a phrase: "بكم" is "how much" but "مرحبا بكم" is "welcome".
    /// The phrase itself stays (it may carry its own intent); only that cue is ignored.
    /// </summary>
    public static readonly (string Cue, string Phrase)[] CueExceptions =
        new[] { ("بكم", "مرحبا بكم"), ("بكم", "اهلا بكم"), ("بكم", "اهلا وسهلا بكم"), ("بكم", "نورتوا بكم"), ("اكو", "اكو شي"), ("خلص", "خلص الطلب"), ("ماكو", "شكو ماكو") }
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
        .SelectMany(c => c.IsPhrase ? c.Text.Split(' ').Where(w => w.Length > 1) : [c.Text]) // "didn t arrive" must not make "t" (of t-shirt) a cue
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Words that are a cue only inside a phrase ("evening" of "good evening", "arrive" of "didn t arrive"), each with its
    /// phrases: alone they may be a product's name ("the evening one" for the Evening dress).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> PhraseOnlyCueWords = Cues
        .Where(c => c.IsPhrase)
        .SelectMany(c => c.Text.Split(' ').Where(w => w.Length > 1).Select(w => (Word: w, Phrase: c.Text)))
        .Where(p => !Cues.Any(c => !c.IsPhrase && c.Text == p.Word))
        .GroupBy(p => p.Word, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(p => p.Phrase).Distinct().ToArray(), StringComparer.Ordinal);

    // English words that are no intent's cue but only an English speaker writes.
    private static readonly HashSet<string> EnglishFunctionWords = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "is", "are", "am", "i", "you", "your", "my", "me", "we", "it", "this", "that", "these", "those", "and", "or", "but",
        "for", "to", "of", "in", "on", "at", "with", "from", "do", "does", "did", "have", "has", "can", "could", "would", "will", "please", "pls",
        "plz", "what", "which", "how", "much", "many", "when", "where", "there", "here", "one", "two", "three", "send", "get", "give", "take",
        "street", "road", "near", "next", "address", "phone", "number", "name", "black", "white", "blue", "red", "green", "brown", "grey", "gray",
        "pink", "yellow", "silver", "gold", "beige", "navy", "just", "also", "too", "still", "again", "now", "today", "tomorrow", "good", "great",
        "nice", "cool", "perfect", "fine", "like", "love", "looking", "pieces", "piece", "pair", "pairs", "instead", "actually", "change",
    };

    /// <summary>A Latin word only an English speaker writes: an English cue or a common English word.</summary>
    public static bool IsEnglishWord(string token) => EnglishWords.Contains(token) || EnglishFunctionWords.Contains(token);

    /// <summary>Arabizi cue stems ("shlon*" is "shlonkum", "shlonich"): a Latin word starting with one is Arabizi.</summary>
    public static readonly IReadOnlyList<string> ArabiziStems = Raw.Values.SelectMany(v => v)
        .Where(r => r.EndsWith('*') && r.Length > 4 && char.IsAsciiLetterOrDigit(r.TrimStart('~')[0]))
        .Select(r => r.TrimStart('~').TrimEnd('*'))
        .Where(r => !EnglishWords.Contains(r) && !r.Contains(' '))
        .Distinct().ToArray();

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
            return (IsPrefix ? message.ContainsPhrasePrefix(Text) : message.ContainsPhrase(Text)) ||
                   message.ContainsPhraseAfterParticles(Text, IsPrefix);
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
