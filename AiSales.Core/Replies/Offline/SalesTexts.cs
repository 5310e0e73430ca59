using System.Globalization;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Replies.Offline;

/// <summary>
/// The sentences of a sale, Iraqi Arabic and English. Arabic agrees with the product's gender (سعرها، متوفرة، تريدها);
/// prepositions join names the way Arabic writes them (للبصرة، لبغداد). Every number comes from the catalog or the
/// delivery terms through <see cref="ReplyPhrases"/>; the templates hold no digits.
/// </summary>
internal static class SalesTexts
{
    public static string It(this ReplyPhrases p, CatalogItem item) => item.IsFeminine ? "ها" : "ه";

    /// <summary>"to" + a place: للبصرة (ل + ال), لبغداد, to Basra.</summary>
    public static string To(this ReplyPhrases p, string name) =>
        p.English ? "to " + name : name.StartsWith("ال", StringComparison.Ordinal) ? "لل" + name[2..] : "ل" + name;

    public static string StockOf(this ReplyPhrases p, CatalogItem item) => (item.Stock, p.English, item.IsFeminine) switch
    {
        (<= 0, true, _) => "sold out right now",
        (<= 0, false, true) => "خلصت، ماكو هسه",
        (<= 0, false, false) => "خلص، ماكو هسه",
        (<= 3, true, _) => "only " + item.Stock.ToString(CultureInfo.InvariantCulture) + " left",
        (<= 3, false, _) => "باقي بس " + item.Stock.ToString(CultureInfo.InvariantCulture),
        (_, true, _) => "in stock",
        (_, false, true) => "متوفرة",
        _ => "متوفر",
    };

    public static string PriceLine(this ReplyPhrases p, CatalogItem item)
    {
        var name = p.Name(item);
        var price = p.Price(item.PriceIqd);
        var stock = p.StockOf(item);
        var it = p.It(item);
        return p.Pick(1,
            [$"{name} سعر{it} {price}، {stock}.", $"{name} بـ {price} و{stock}.", $"سعر {name} {price} ({stock})."],
            [$"The {name} is {price} ({stock}).", $"The {name} costs {price}, {stock}.", $"{name}: {price}, {stock}."]);
    }

    public static string OptionsLine(this ReplyPhrases p, CatalogItem item)
    {
        var parts = new List<string>();
        if (item.Sizes.Count > 0)
        {
            parts.Add((p.English ? "Sizes: " : "القياسات: ") + p.List(item.Sizes));
        }

        if (item.Colours.Count > 0)
        {
            parts.Add((p.English ? "colours: " : "الألوان: ") + p.List(p.English ? item.Colours.Select(SlotExtractor.ColourInEnglish) : item.Colours));
        }

        return parts.Count == 0 ? "" : string.Join(p.English ? "; " : "، ", parts) + ".";
    }

    public static string OfferLine(this ReplyPhrases p, CatalogItem item) => p.Pick(3,
        [$"تريد{p.It(item)}؟ أحجزلك {(item.IsFeminine ? "وحدة" : "واحد")}؟", $"إذا {(item.IsFeminine ? "تعجبك" : "يعجبك")} گلي وأثبتلك الطلب.", $"تحب أحجز{p.It(item)} إلك؟"],
        ["Would you like me to reserve one?", "If you'd like it, just say so and I'll set up the order.", "Shall I reserve one for you?"]);

    /// <param name="saidAlready">The price line just said it is sold out: only the apology and the alternatives follow.</param>
    public static string OutOfStockLine(this ReplyPhrases p, CatalogItem item, IReadOnlyList<CatalogItem> alternatives, bool saidAlready = false)
    {
        var name = p.Name(item);
        var head = saidAlready
            ? (p.English ? "Sorry about that." : "نعتذر منك.")
            : p.English
            ? $"Sorry, the {name} is sold out right now."
            : $"نعتذر منك، {name} {(item.IsFeminine ? "خلصت" : "خلص")} هسه وماكو منه{(item.IsFeminine ? "ا" : "")} بالمخزن.";
        if (alternatives.Count == 0)
        {
            return head + (p.English ? " We'll tell you when it's back." : " نبلغك أول ما يرجع.");
        }

        var list = string.Join(p.English ? "; " : "؛ ", alternatives.Select(a => $"{p.Name(a)} {p.Price(a.PriceIqd)}"));
        return head + (p.English ? $" You might like: {list}." : $" عدنا بدال{(item.IsFeminine ? "ها" : "ه")}: {list}.");
    }

    public static string Similar(this ReplyPhrases p, IReadOnlyList<CatalogItem> items) => items.Count == 0
        ? (p.English ? "That's the only one of its kind we have right now." : "هذا الوحيد من نوعه عدنا هسه.")
        : (p.English ? "You might also like: " : "عدنا هم: ") + string.Join(p.English ? "; " : "؛ ", items.Select(i => $"{p.Name(i)} {p.Price(i.PriceIqd)}")) + ".";

    public static string Line(this ReplyPhrases p, CartLine line, CatalogItem item)
    {
        var details = new List<string>();
        if (line.Size is not null)
        {
            details.Add((p.English ? "size " : "قياس ") + line.Size);
        }

        if (line.Colour is not null)
        {
            details.Add(p.English ? SlotExtractor.ColourInEnglish(line.Colour) : "لون " + line.Colour);
        }

        var what = p.Name(item) + (details.Count == 0 ? "" : " (" + p.List(details) + ")");
        var qty = line.Quantity.ToString(CultureInfo.InvariantCulture);
        return $"{qty} × {what} = {p.Price(item.PriceIqd * line.Quantity)}";
    }

    public static string Summary(this ReplyPhrases p, IReadOnlyList<(CartLine Line, CatalogItem Item)> lines, Governorate gov, DeliveryTerms terms,
        string? address, string? phone, bool cashOnDelivery)
    {
        var items = lines.Sum(l => l.Item.PriceIqd * l.Line.Quantity);
        var nl = "\n";
        var body = string.Join(nl, lines.Select(l => "- " + p.Line(l.Line, l.Item)));
        var where = string.IsNullOrWhiteSpace(address) ? p.GovernorateName(gov)
            : Governorates.Detect(new Text.NormalizedMessage(address))?.Gov == gov ? address : p.GovernorateName(gov) + " - " + address;
        return p.English
            ? $"Your order:{nl}{body}{nl}Items: {p.Price(items)}{nl}Delivery {p.To(p.GovernorateName(gov))}: {p.Price(terms.FeeIqd)} ({p.Days(terms)}){nl}Total: {p.Price(items + terms.FeeIqd)}{(cashOnDelivery ? ", cash on delivery" : "")}{nl}Address: {where}{(phone is null ? "" : nl + "Phone: " + phone)}{nl}Shall I confirm it? Reply \"yes\" to confirm."
            : $"ملخص طلبك:{nl}{body}{nl}سعر القطع: {p.Price(items)}{nl}التوصيل {p.To(p.GovernorateName(gov))}: {p.Price(terms.FeeIqd)} ({p.Days(terms)}){nl}المجموع الكلي: {p.Price(items + terms.FeeIqd)}{(cashOnDelivery ? "، الدفع عند الاستلام" : "")}{nl}العنوان: {where}{(phone is null ? "" : nl + "الموبايل: " + phone)}{nl}أثبتلك الطلب؟ اكتب \"اي\" للتأكيد.";
    }

    public static string Placed(this ReplyPhrases p, PlacedOrder order, Governorate gov, DeliveryTerms terms) => p.Pick(12,
        [$"تم تثبيت طلبك ✅ المجموع {p.Price(order.TotalIqd)} ويوصلك {p.To(p.GovernorateName(gov))} خلال {p.Days(terms)}. راح يتصل بيك المندوب قبل التوصيل، شكراً لثقتك 🌷",
         $"ثبتنا طلبك ✅ المجموع الكلي {p.Price(order.TotalIqd)}، التوصيل خلال {p.Days(terms)}. المندوب يتصل بيك قبل ما يوصل، نورتنا 🌷"],
        [$"Your order is confirmed ✅ Total {p.Price(order.TotalIqd)}, delivered {p.To(p.GovernorateName(gov))} within {p.Days(terms)}. The courier will call before delivery. Thank you! 🌷",
         $"Done — your order is placed ✅ Total {p.Price(order.TotalIqd)}; delivery takes {p.Days(terms)}. Thanks for shopping with us! 🌷"]);

    public static string AskMissing(this ReplyPhrases p, IReadOnlyList<string> missing) => p.Pick(4,
        [$"حتى أثبتلك الطلب بس دزلي: {p.List(missing)}.", $"باقي أحتاج منك: {p.List(missing)}.", $"من عيوني، اكتبلي {p.List(missing)} وأثبتلك الطلب."],
        [$"To place the order I just need: {p.List(missing)}.", $"I still need: {p.List(missing)}.", $"Sure — please send {p.List(missing)} and I'll set it up."]);

    public static string MissingSize(this ReplyPhrases p, CatalogItem item) =>
        (p.English ? "the size of the " + p.Name(item) + " (" : "قياس " + p.Name(item) + " (") + p.List(item.Sizes) + ")";

    public static string MissingColour(this ReplyPhrases p, CatalogItem item) =>
        (p.English ? "the colour of the " + p.Name(item) + " (" + p.List(item.Colours.Select(SlotExtractor.ColourInEnglish)) : "لون " + p.Name(item) + " (" + p.List(item.Colours)) + ")";

    public static string Delivery(this ReplyPhrases p, Governorate? gov, DeliveryOptions options)
    {
        var cod = options.CashOnDelivery ? (p.English ? " Cash on delivery." : " والدفع عند الاستلام.") : string.Empty;
        if (gov is not null)
        {
            var t = options.For(gov);
            var g = p.GovernorateName(gov);
            return p.Pick(7,
                [$"التوصيل {p.To(g)} {p.Price(t.FeeIqd)} ويوصلك خلال {p.Days(t)}.{cod}", $"نوصل {p.To(g)} بـ {p.Price(t.FeeIqd)}، ياخذ {p.Days(t)}.{cod}"],
                [$"Delivery {p.To(g)} is {p.Price(t.FeeIqd)} and takes {p.Days(t)}.{cod}", $"We deliver {p.To(g)} for {p.Price(t.FeeIqd)}, {p.Days(t)}.{cod}"]);
        }

        var baghdad = options.For(Governorates.Baghdad);
        var rest = options.Default;
        return p.Pick(7,
            [$"نوصل لكل محافظات العراق: بغداد {p.Price(baghdad.FeeIqd)} خلال {p.Days(baghdad)}، وباقي المحافظات {p.Price(rest.FeeIqd)} خلال {p.Days(rest)}.{cod} انت من يا محافظة؟",
             $"التوصيل لكل العراق؛ بغداد {p.Price(baghdad.FeeIqd)} ({p.Days(baghdad)}) والمحافظات {p.Price(rest.FeeIqd)} ({p.Days(rest)}).{cod} وين تسكن؟"],
            [$"We deliver all over Iraq: Baghdad {p.Price(baghdad.FeeIqd)} in {p.Days(baghdad)}, other governorates {p.Price(rest.FeeIqd)} in {p.Days(rest)}.{cod} Which governorate are you in?",
             $"Delivery covers all of Iraq — Baghdad {p.Price(baghdad.FeeIqd)} ({p.Days(baghdad)}), elsewhere {p.Price(rest.FeeIqd)} ({p.Days(rest)}).{cod} Where are you?"]);
    }

    public static string OrderOnItsWay(this ReplyPhrases p, Governorate gov, DeliveryTerms terms) => p.English
        ? $"Your order reaches you in {p.GovernorateName(gov)} within {p.Days(terms)} of confirmation; the courier calls before delivering."
        : $"طلبك يوصلك {p.To(p.GovernorateName(gov))} خلال {p.Days(terms)} من التثبيت، والمندوب يتصل بيك قبل ما يوصل.";

    public static string Payment(this ReplyPhrases p, bool card, DeliveryOptions options) => options.CashOnDelivery
        ? (card
            ? p.Pick(13, ["حالياً الدفع بس كاش عند الاستلام: تستلم الطلب وتفحصه وبعدين تدفع للمندوب.", "ما عدنا دفع بالبطاقة هسه، الدفع نقداً عند الاستلام."],
                ["For now we only take cash on delivery: you check the order, then pay the courier.", "We don't take cards at the moment — it's cash on delivery."])
            : p.Pick(13, ["الدفع عند الاستلام: تستلم الطلب وتفحصه وبعدين تدفع للمندوب.", "اي، الدفع نقداً عند الاستلام، ما تدفع شي قبل."],
                ["Yes — cash on delivery: you check the order, then pay the courier.", "You pay in cash when the order arrives; nothing up front."]))
        : p.Pick(13, ["طريقة الدفع يأكدها وياك فريقنا ويا تأكيد الطلب.", "تفاصيل الدفع توصلك ويا تأكيد الطلب."],
            ["Our team confirms the payment method with your order.", "You'll get the payment details with the order confirmation."]);

    public static string Haggle(this ReplyPhrases p) => p.Pick(14,
        ["والله أسعارنا ثابتة ومدروسة حتى تكون أحسن سعر بالسوق 🌷", "نعتذر، الأسعار ثابتة وما بيها خصم هسه، بس النوعية مضمونة 🌷"],
        ["Our prices are fixed and already as low as we can go 🌷", "Sorry, no discounts right now — but the quality is guaranteed 🌷"]);

    public static string Farewell(this ReplyPhrases p) => p.Pick(15,
        ["بأمان الله 🌷 نتشرف بيك بأي وقت.", "الله وياك، احنا موجودين إذا احتجت أي شي 🌷"],
        ["Take care! 🌷 We're here whenever you need us.", "Bye for now — message us anytime 🌷"]);

    public static string Cancelled(this ReplyPhrases p) => p.Pick(16,
        ["تمام، ألغيت الطلب. إذا احتجت أي شي ثاني احنا بالخدمة 🌷", "ولا يهمك، لغيت الطلب. نتشرف بيك بأي وقت."],
        ["No problem, I've cancelled that order. Anything else, just ask 🌷", "Okay, the order is cancelled. We're here if you need anything."]);

    public static string NoThanks(this ReplyPhrases p) => p.Pick(16,
        ["ماكو مشكلة، إذا احتجت أي شي احنا موجودين 🌷", "تدلل، بأي وقت تحتاج شي گلي."],
        ["No problem — we're here if you need anything 🌷", "Sure, just message us anytime."]);

    public static string NotSold(this ReplyPhrases p, string word, IReadOnlyList<CatalogItem> closest, IReadOnlyList<CatalogItem> sample)
    {
        if (closest.Count > 0)
        {
            var list = string.Join(p.English ? "; " : "؛ ", closest.Select(c => $"{p.Name(c)} {p.Price(c.PriceIqd)}"));
            return p.English ? $"We don't have \"{word}\" exactly. Did you mean: {list}?" : $"ما لگيت \"{word}\" بالضبط عدنا. تقصد: {list}؟";
        }

        if (sample.Count == 0)
        {
            return p.English ? $"Sorry, we don't sell \"{word}\"." : $"للأسف ما نبيع \"{word}\".";
        }

        var names = p.List(sample.Select(p.Name));
        return p.English
            ? $"Sorry, we don't sell \"{word}\". We have: {names}. Anything among these?"
            : $"للأسف ما نبيع \"{word}\". عدنا: {names}. يعجبك شي منها؟";
    }

    public static string WhichProduct(this ReplyPhrases p, IReadOnlyList<CatalogItem> sample, bool ordering)
    {
        var intro = ordering
            ? p.Pick(6, ["حاضرين! شنو المنتج اللي تريده؟", "من عيوني، بس گلي شنو المنتج بالضبط؟"], ["Sure! Which product would you like?", "Happy to — which product exactly?"])
            : p.Pick(6, ["ياهو المنتج اللي تقصده؟", "گلي اسم المنتج حتى أشوفلك سعره وتوفره."], ["Which product do you mean?", "Tell me the product name and I'll check price and stock."]);
        return sample.Count == 0 ? intro : intro + (p.English ? " We have: " : " عدنا: ") + p.List(sample.Select(p.Name)) + ".";
    }

    /// <summary>The products within the customer's budget (the budget itself is not repeated: only catalog amounts are
    /// quoted), or, when nothing fits, the cheapest.</summary>
    public static string WithinBudget(this ReplyPhrases p, IReadOnlyList<CatalogItem> items, bool fit)
    {
        var list = string.Join(p.English ? "; " : "؛ ", items.Select(i => $"{p.Name(i)}: {p.Price(i.PriceIqd)}"));
        return fit
            ? (p.English ? $"Within your budget we have: {list}. Which one would you like?" : $"ضمن ميزانيتك عدنا: {list}. ياهو اللي يعجبك؟")
            : p.English ? $"Nothing within that budget right now, I'm afraid. Our most affordable: {list}." : $"للأسف ماكو شي ضمن هالميزانية هسه. أرخص شي عدنا: {list}.";
    }

    public static string Choice(this ReplyPhrases p, IReadOnlyList<CatalogItem> items)
    {
        var list = string.Join(p.English ? "; " : "؛ ", items.Select(i => $"{p.Name(i)}: {p.Price(i.PriceIqd)} ({p.StockOf(i)})"));
        return p.Pick(5,
            [$"عدنا أكثر من نوع: {list}. ياهو اللي يعجبك؟", $"هذني اللي عدنا: {list}. ياهو تريد؟"],
            [$"We have a few options: {list}. Which one would you like?", $"Here's what we have: {list}. Which one are you after?"]);
    }

    /// <summary>The choice asked a second time: the names only (the prices were just given), and a nudge.</summary>
    public static string ChoiceAgain(this ReplyPhrases p, IReadOnlyList<CatalogItem> items)
    {
        var names = items.Select(p.Name).ToList();
        var list = names.Count == 2 ? names[0] + (p.English ? " or " : " لو ") + names[1] : p.List(names);
        return p.Pick(5,
            [$"بس گلي ياهو تريد: {list}؟ وأكملك الطلب.", $"حتى أكمل، ياهو تختار: {list}؟"],
            [$"Just tell me which one: {list}? Then I'll carry on.", $"Which one shall it be: {list}?"]);
    }

    public static string Unclear(this ReplyPhrases p) => p.Pick(9,
        ["ما فهمت عليك زين، تكدر توضحلي؟ تگدر تسأل عن الأسعار، التوفر، القياسات أو التوصيل.", "عفواً ما وضحت الفكرة، شنو المنتج اللي يعجبك؟"],
        ["Sorry, I didn't quite get that. You can ask about prices, stock, sizes or delivery.", "Could you tell me a bit more? Which product are you interested in?"]);

    public static string Greeting(this ReplyPhrases p, string shop, bool alone) => alone
        ? p.Pick(0,
            [$"هلا بيك نورت {shop} 🌷 شلون أكدر أساعدك؟", "هلا وغلا! تفضل شتحتاج؟", $"اهلين بيك، نورت {shop}. شنو يعجبك؟"],
            [$"Hi, welcome to {shop}! 🌷 How can I help?", "Hello! What can I do for you?", $"Hey there, thanks for messaging {shop}. What are you looking for?"])
        : p.Pick(0, ["هلا بيك 🌷", "هلا وغلا،", "اهلين،"], ["Hi! 🌷", "Hello!", "Hey there!"]);

    public static string Thanks(this ReplyPhrases p) => p.Pick(8,
        ["العفو، بالخدمة دائماً 🌷", "تدلل، اي وقت تحتاج شي احنا موجودين.", "تسلم، بالخدمة."],
        ["You're welcome! 🌷", "Anytime — we're here if you need anything.", "My pleasure!"]);

    /// <summary>The hand-off announcement: always sent, so the customer knows a person will answer (and when).</summary>
    public static string Handoff(this ReplyPhrases p, string reason, string shop, TeamHours? backAt, bool again)
    {
        var text = again
            ? p.Pick(10, ["وصلت رسالتك للفريق، راح يردون عليك هنا بأقرب وقت 🙏", "بلغت الفريق برسالتك، لحظات ويردون عليك."],
                ["Your message is with our team; they'll answer you here shortly 🙏", "I've passed this on too — someone will reply soon."])
            : reason switch
            {
                HandoffReason.Complaint => p.Pick(11,
                    ["آسفين جداً على الإزعاج 🙏 حولت رسالتك لفريقنا وراح يتواصلون وياك هنا بأقرب وقت.", "حقك علينا، نعتذر منك. واحد من الفريق راح يتابع الموضوع وياك هنا بأقرب وقت."],
                    ["We're really sorry about that 🙏 I've passed this to our team and they'll get back to you here shortly.", "Sorry for the trouble — a team member will follow up with you here shortly."]),
                HandoffReason.ReturnOrExchange => p.Pick(11,
                    ["ولا يهمك، الاستبدال والإرجاع يتابعه وياك واحد من فريقنا، راح يرد عليك هنا بأقرب وقت.", "من عيوني، حولتك لفريقنا حتى يرتبون وياك التبديل أو الإرجاع، لحظات ويردون عليك."],
                    ["No problem — a team member will handle the exchange or return with you here shortly.", "Sure, I've passed you to our team to arrange the exchange or return; they'll reply shortly."]),
                HandoffReason.NotUnderstood => p.Pick(11,
                    ["حتى ما أغلط وياك، حولت سؤالك لواحد من الفريق وراح يرد عليك هنا بأقرب وقت.", "خليني أحولك لواحد من الفريق حتى يساعدك أحسن، راح يرد عليك هنا بأقرب وقت."],
                    ["So I don't get it wrong, I've passed your question to a team member who will reply here shortly.", "Let me get someone from the team to help you — they'll reply here shortly."]),
                HandoffReason.PhotoWanted => p.Pick(11,
                    ["أكيد 🌷 راح يدزلك واحد من الفريق صور المنتج هنا بأقرب وقت.", "من عيوني، بلغت الفريق يدزولك صور المنتج هنا بأقرب وقت 🌷"],
                    ["Sure 🌷 someone from our team will send you photos of it here shortly.", "Of course — I've asked the team to send you photos here shortly 🌷"]),
                HandoffReason.OrderChange => p.Pick(11,
                    ["تمام، بلغت الفريق حتى يعدلون طلبك وياك، راح يردون عليك هنا بأقرب وقت.", "وصل طلبك للفريق وراح يتواصلون وياك بخصوص الطلب بأقرب وقت."],
                    ["Okay, I've asked the team to change your order with you; they'll reply here shortly.", "Your request is with our team; they'll contact you about the order shortly."]),
                HandoffReason.CartNotInCatalog => p.Pick(11,
                    ["بلغت الفريق حتى يراجعون طلبك وياك، راح يردون عليك هنا بأقرب وقت 🙏", "واحد من الفريق راح يتابع طلبك وياك هنا بأقرب وقت 🙏"],
                    ["I've asked the team to check your order with you; they'll reply here shortly 🙏", "A team member will go through your order with you here shortly 🙏"]),
                HandoffReason.PhotoNotMatched => p.Pick(11,
                    ["ما گدرت أعرف المنتج من الصورة 🙏 حولتها لواحد من الفريق وراح يرد عليك هنا بأقرب وقت.", "بلغت الفريق يشوفون الصورة، راح يردون عليك هنا بأقرب وقت 🌷"],
                    ["I couldn't tell the product from your photo 🙏 I've passed it to a team member who will reply here shortly.", "I've asked the team to look at your photo; they'll reply here shortly 🌷"]),
                HandoffReason.WantsHuman => p.Pick(11,
                    [$"أكيد، حولتك لواحد من فريق {shop}، راح يرد عليك هنا بأقرب وقت.", "من عيوني، بلغت الموظف وراح يحچي وياك هنا بأقرب وقت."],
                    [$"Of course — I'm passing you to someone from the {shop} team; they'll reply here shortly.", "Sure, a team member will take over this chat shortly."]),
                _ => p.Pick(11,
                    [$"حولت محادثتك لواحد من فريق {shop}، راح يرد عليك هنا بأقرب وقت.", "واحد من فريقنا راح يكمل وياك هنا بأقرب وقت."],
                    [$"I've passed your chat to the {shop} team; someone will reply here shortly.", "A team member will continue with you here shortly."]),
            };
        if (backAt is not null)
        {
            text += p.English ? $" Our team is back {backAt.English}." : $" فريقنا يرجع {backAt.Arabic} ويرد عليك أول ما يوصل.";
        }

        return text;
    }
}
