using AiSales.Core.Ai.Text;

namespace AiSales.Core.Ai.Offline;

/// <summary>
/// The reply engine when no LLM is configured, and the fallback when the LLM fails. Pure function of its
/// input: no I/O, no clock, no randomness — the same request always yields the same reply. Prices, stock
/// and delivery numbers come only from the request's catalog and delivery options.
/// </summary>
public static class OfflineResponder
{
    private static readonly CustomerIntent[] ProductQuestions =
        [CustomerIntent.Price, CustomerIntent.Availability, CustomerIntent.Variant, CustomerIntent.Order];

    public static OfflineReply Respond(OfflineRequest request)
    {
        var message = IntentDetector.Prepare(request.MessageText);
        var intent = IntentDetector.Detect(message);
        var delivery = request.Delivery ?? DeliveryOptions.Defaults;
        var phrases = new ReplyPhrases(intent.Script == CustomerScript.English, Fnv1a(message.Text), request.Tone);
        var signals = Signals(intent, request.MessageText);

        if (intent.Has(CustomerIntent.WantsHuman) || intent.Primary == CustomerIntent.Complaint)
        {
            var human = intent.Has(CustomerIntent.WantsHuman);
            var text = human ? WantsHumanText(phrases, request.MerchantName) : ComplaintText(phrases);
            return Reply(text, intent, [], signals, true, human ? HandoffReason.WantsHuman : HandoffReason.Complaint, intent.Confidence);
        }

        var products = ResolveProducts(message, request);
        if (products.Count > 0)
        {
            signals.Add(LeadSignal.ProductMatched);
            if (products.Any(p => p.Stock <= 0))
            {
                signals.Add(LeadSignal.OutOfStock);
            }
        }

        var parts = new List<string>();
        var confidence = intent.Confidence;
        string? handoffReason = null;
        var productQuestion = ProductQuestions.Any(intent.Has);
        var deliveryAnswered = false;

        if (intent.Has(CustomerIntent.Greeting))
        {
            parts.Add(GreetingText(phrases, request.MerchantName, alone: intent.All.Count == 1));
        }

        if (productQuestion && products.Count == 1)
        {
            parts.AddRange(ProductText(phrases, products[0], intent, delivery, signals, out deliveryAnswered));
            confidence = Math.Min(0.95, confidence + 0.1);
        }
        else if (productQuestion && products.Count > 1)
        {
            parts.Add(ChoiceText(phrases, products));
        }
        else if (productQuestion && !(intent.Has(CustomerIntent.Delivery) && intent.Primary != CustomerIntent.Order))
        {
            // A product question we cannot ground in the catalog: ask, and let a person look.
            parts.Add(WhichProductText(phrases, request.Catalog, intent.Has(CustomerIntent.Order)));
            handoffReason = HandoffReason.NoProductMatch;
            confidence = Math.Round(confidence * 0.5, 2);
        }

        if (intent.Has(CustomerIntent.Delivery) && !deliveryAnswered)
        {
            parts.Add(DeliveryText(phrases, intent.Governorate, delivery));
        }

        if (intent.Has(CustomerIntent.Thanks))
        {
            parts.Add(ThanksText(phrases));
        }

        if (parts.Count == 0)
        {
            parts.Add(phrases.Pick(9,
                ["ممكن توضحلي شنو تحتاج؟ تكدر تسأل عن الأسعار، التوفر، القياسات أو التوصيل.", "ما فهمت عليك زين، تكدر تكتبلي اسم المنتج اللي تريده؟", "حاضرين لأي سؤال، شنو المنتج اللي يعجبك؟"],
                ["Could you tell me a bit more? You can ask about prices, stock, sizes or delivery.", "Sorry, I didn't quite get that. Which product are you interested in?", "Happy to help! Which product are you looking for?"]));
        }

        var replyText = string.Join(phrases.English ? " " : " ", parts);
        return Reply(replyText, intent, products.Select(p => p.Id).ToArray(), signals, handoffReason is not null, handoffReason, confidence);
    }

    private static List<CatalogItem> ResolveProducts(NormalizedMessage message, OfflineRequest request)
    {
        var matches = ProductMatcher.Match(message, request.Catalog);
        if (matches.Count > 0)
        {
            // Keep near-ties (up to three) so an ambiguous "الجاكيت" can be answered with a choice.
            var top = matches[0].Score;
            return matches.Where(m => m.Score >= top - 0.05).Take(3).Select(m => m.Item).ToList();
        }

        if (request.Context?.LastProductId is { } lastId &&
            request.Catalog.FirstOrDefault(c => c.Id == lastId && c.Active) is { } last)
        {
            return [last];
        }

        return [];
    }

    private static IEnumerable<string> ProductText(
        ReplyPhrases p, CatalogItem item, IntentResult intent, DeliveryOptions delivery, List<string> signals, out bool deliveryAnswered)
    {
        deliveryAnswered = false;
        var lines = new List<string>();
        var name = p.Name(item);
        var price = p.Price(item.PriceIqd);
        var stock = p.Stock(item.Stock);
        lines.Add(p.Pick(1,
            [$"{name} سعره {price}، {stock}.", $"{name} بـ {price} و{stock}.", $"سعر {name} {price} ({stock})."],
            [$"{name} is {price} ({stock}).", $"The {name} costs {price}, {stock}.", $"{name}: {price}, {stock}."]));

        if (item.Stock <= 0)
        {
            lines.Add(p.Pick(2,
                ["اول ما يرجع نبلغك ان شاء الله.", "نعتذر منك، نخبرك اول ما يتوفر."],
                ["We'll let you know as soon as it's back.", "Sorry about that — we'll tell you when it's back in stock."]));
            return lines;
        }

        var wantsVariants = intent.Has(CustomerIntent.Variant) || intent.Has(CustomerIntent.Availability) || intent.Has(CustomerIntent.Order);
        if (wantsVariants && item.Sizes.Count > 0)
        {
            lines.Add((p.English ? "Sizes: " : "القياسات: ") + p.List(item.Sizes) + ".");
        }

        if (wantsVariants && item.Colours.Count > 0)
        {
            lines.Add((p.English ? "Colours: " : "الألوان: ") + p.List(item.Colours) + ".");
        }

        if (intent.Has(CustomerIntent.Order))
        {
            if (intent.Governorate is { } gov)
            {
                lines.Add(DeliveryText(p, gov, delivery));
                deliveryAnswered = true;
            }

            lines.Add(OrderDetailsText(p, intent.Governorate is null, !signals.Contains(LeadSignal.PhoneGiven)));
        }
        else
        {
            lines.Add(p.Pick(3,
                ["تحب احجزلك واحد؟", "اذا يعجبك دزلي محافظتك ورقمك ونثبتلك الطلب.", "تريده؟ نوصل لكل المحافظات."],
                ["Would you like me to reserve one?", "If you'd like it, send your governorate and phone number and we'll confirm.", "Want one? We deliver to all governorates."]));
        }

        return lines;
    }

    private static string OrderDetailsText(ReplyPhrases p, bool askGovernorate, bool askPhone)
    {
        var ask = new List<string>();
        if (askGovernorate)
        {
            ask.Add(p.English ? "your governorate" : "المحافظة");
        }

        if (askPhone)
        {
            ask.Add(p.English ? "phone number" : "رقم الموبايل");
        }

        ask.Add(p.English ? "full address with a nearby landmark" : "العنوان الكامل مع أقرب نقطة دالة");
        var list = p.List(ask);
        return p.Pick(4,
            [$"حتى نثبت الطلب دزلي: {list}، والدفع عند الاستلام.", $"تمام! بس دزلي {list} ونثبتلك الطلب، والدفع عند الاستلام.", $"من عيوني، اكتبلي {list} والدفع يكون عند الاستلام."],
            [$"To confirm the order please send {list}. Payment is cash on delivery.", $"Great! Just send {list} and we'll confirm. Cash on delivery.", $"Sure — please share {list}; you pay on delivery."]);
    }

    private static string ChoiceText(ReplyPhrases p, List<CatalogItem> items)
    {
        var lines = items.Select(i => $"{p.Name(i)}: {p.Price(i.PriceIqd)} ({p.Stock(i.Stock)})");
        var list = string.Join(p.English ? "; " : "؛ ", lines);
        return p.Pick(5,
            [$"عدنا أكثر من نوع: {list}. ياهو اللي تقصده؟", $"تقصد ياهو بالضبط؟ {list}."],
            [$"We have a few options: {list}. Which one do you mean?", $"Which one did you mean? {list}."]);
    }

    private static string WhichProductText(ReplyPhrases p, IReadOnlyList<CatalogItem> catalog, bool ordering)
    {
        var names = catalog.Where(c => c.Active).OrderBy(c => c.NameAr, StringComparer.Ordinal).Take(5).Select(p.Name).ToArray();
        var intro = ordering
            ? p.Pick(6, ["حاضرين! شنو المنتج اللي تريده؟", "من عيوني، بس گلي شنو المنتج بالضبط؟"], ["Sure! Which product would you like?", "Happy to — which product exactly?"])
            : p.Pick(6, ["ياهو المنتج اللي تقصده؟", "گلي اسم المنتج حتى أشوفلك سعره وتوفره."], ["Which product do you mean?", "Tell me the product name and I'll check price and stock."]);
        return names.Length == 0 ? intro : intro + (p.English ? " We have: " : " عدنا: ") + p.List(names) + ".";
    }

    private static string DeliveryText(ReplyPhrases p, Governorate? gov, DeliveryOptions options)
    {
        var cod = options.CashOnDelivery ? (p.English ? " Cash on delivery." : " والدفع عند الاستلام.") : string.Empty;
        if (gov is not null)
        {
            var t = options.For(gov);
            var g = p.GovernorateName(gov);
            return p.Pick(7,
                [$"التوصيل لـ{g} {p.Price(t.FeeIqd)} ويوصلك خلال {p.Days(t)}.{cod}", $"نوصل لـ{g} بـ {p.Price(t.FeeIqd)}، ياخذ {p.Days(t)}.{cod}"],
                [$"Delivery to {g} is {p.Price(t.FeeIqd)} and takes {p.Days(t)}.{cod}", $"We deliver to {g} for {p.Price(t.FeeIqd)}, {p.Days(t)}.{cod}"]);
        }

        var baghdad = options.For(Governorates.Baghdad);
        var rest = options.Default;
        return p.Pick(7,
            [$"نوصل لكل محافظات العراق: بغداد {p.Price(baghdad.FeeIqd)} خلال {p.Days(baghdad)}، وباقي المحافظات {p.Price(rest.FeeIqd)} خلال {p.Days(rest)}.{cod} انت من يا محافظة؟",
             $"التوصيل لكل العراق؛ بغداد {p.Price(baghdad.FeeIqd)} ({p.Days(baghdad)}) والمحافظات {p.Price(rest.FeeIqd)} ({p.Days(rest)}).{cod} وين تسكن؟"],
            [$"We deliver all over Iraq: Baghdad {p.Price(baghdad.FeeIqd)} in {p.Days(baghdad)}, other governorates {p.Price(rest.FeeIqd)} in {p.Days(rest)}.{cod} Which governorate are you in?",
             $"Delivery covers all of Iraq — Baghdad {p.Price(baghdad.FeeIqd)} ({p.Days(baghdad)}), elsewhere {p.Price(rest.FeeIqd)} ({p.Days(rest)}).{cod} Where are you?"]);
    }

    private static string GreetingText(ReplyPhrases p, string merchant, bool alone) => alone
        ? p.Pick(0,
            [$"هلا بيك نورت {merchant} 🌷 شلون أكدر أساعدك؟", "هلا وغلا! تفضل شتحتاج؟", $"اهلين بيك بـ{merchant}، شنو يعجبك؟"],
            [$"Hi, welcome to {merchant}! 🌷 How can I help?", "Hello! What can I do for you?", $"Hey there, thanks for messaging {merchant}. What are you looking for?"])
        : p.Pick(0, ["هلا بيك 🌷", "هلا وغلا،", "اهلين،"], ["Hi! 🌷", "Hello!", "Hey there!"]);

    private static string ThanksText(ReplyPhrases p) => p.Pick(8,
        ["العفو، بالخدمة دائماً 🌷", "تدلل، اي وقت تحتاج شي احنا موجودين.", "حبيبي تسلم، بالخدمة."],
        ["You're welcome! 🌷", "Anytime — we're here if you need anything.", "My pleasure!"]);

    private static string WantsHumanText(ReplyPhrases p, string merchant) => p.Pick(10,
        [$"أكيد، راح أحولك لواحد من فريق {merchant} هسه، لحظات ويردون عليك.", "من عيوني، بلغت الموظف وراح يحچي وياك بأقرب وقت."],
        [$"Of course — I'm passing you to someone from the {merchant} team now; they'll reply shortly.", "Sure, a team member will take over this chat shortly."]);

    private static string ComplaintText(ReplyPhrases p) => p.Pick(11,
        ["آسفين جداً على الإزعاج 🙏 حولنا رسالتك لفريقنا هسه وراح يتواصلون وياك بأقرب وقت.", "حقك علينا، نعتذر منك. واحد من الفريق راح يتابع الموضوع وياك هسه."],
        ["We're really sorry about that 🙏 I've passed this to our team and they'll get back to you shortly.", "Sorry for the trouble — a team member will follow up with you right away."]);

    private static List<string> Signals(IntentResult intent, string original)
    {
        var signals = new List<string>();
        void AddIf(CustomerIntent i, string s)
        {
            if (intent.Has(i))
            {
                signals.Add(s);
            }
        }

        AddIf(CustomerIntent.Greeting, LeadSignal.Greeting);
        AddIf(CustomerIntent.Price, LeadSignal.PriceAsked);
        AddIf(CustomerIntent.Availability, LeadSignal.AvailabilityAsked);
        AddIf(CustomerIntent.Variant, LeadSignal.VariantAsked);
        AddIf(CustomerIntent.Delivery, LeadSignal.DeliveryAsked);
        AddIf(CustomerIntent.Order, LeadSignal.OrderIntent);
        AddIf(CustomerIntent.Complaint, LeadSignal.Complaint);
        AddIf(CustomerIntent.WantsHuman, LeadSignal.WantsHuman);
        AddIf(CustomerIntent.Thanks, LeadSignal.Thanks);
        if (intent.Governorate is not null)
        {
            signals.Add(LeadSignal.Governorate);
        }

        if (PhoneNumbers.ContainsIraqiMobile(original))
        {
            signals.Add(LeadSignal.PhoneGiven);
        }

        return signals;

    }

    private static OfflineReply Reply(
        string text, IntentResult intent, IReadOnlyList<Guid> products, List<string> signals, bool handoff, string? reason, double confidence) =>
        new(text, intent.Primary, intent.All, products, signals, intent.Governorate, handoff, reason, confidence, intent.Script, intent.Cues);

    // Stable across processes (string.GetHashCode is randomised per run, which would break determinism).
    private static uint Fnv1a(string s)
    {
        var hash = 2166136261u;
        foreach (var c in s)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
