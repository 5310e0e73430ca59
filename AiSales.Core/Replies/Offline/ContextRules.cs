using AiSales.Core.Text;


namespace AiSales.Core.Replies.Offline;

/// <summary>
/// Rules that read a cue together with the rest of the message, where a cue alone says too little:
/// what "شكد" measures, whether "اكو … اسود؟" asks for a colour or for a product, whether "اريد … قياس M" orders,
/// and whether a named amount is an offer.
/// </summary>
internal static class ContextRules
{
    // "How much / how big" words: with a size or length word and no price noun they ask a measurement ("الطول شكد؟").
    private static readonly HashSet<string> HowMuch = new[] { "شكد", "شقد", "اشكد", "اشقد", "shgad", "shkad", "shqad", "shged", "shgd" }
        .Select(ArabicNormalizer.Normalize).ToHashSet(StringComparer.Ordinal);

    // Verbs that turn an amount into an offer: "بـ 20 الف اخذه", "بـ ٢٥ ألف تبيعه؟", "can you do 20k?".
    private static readonly string[] OfferVerbStems = new[] { "تبيع", "تبيعه", "تبيعها", "تنطيني", "تنطيه" }.Select(ArabicNormalizer.Normalize).ToArray();

    // "اذا اطلب هسه شوكت يوصل": an order verb after "if" is hypothetical, the question is the point.
    private static readonly HashSet<string> Conditionals = new(StringComparer.Ordinal) { "اذا", "لو", "if", "iza", "itha" };

    // "اخذه ب 50", "a5itha b 20": a bare number after ب / b is an amount even without الف or k.
    private static readonly System.Text.RegularExpressions.Regex BareAmount =
        new(@"(^|[\s،,])(بـ?|b)\s*\d{1,6}(?!\d)", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    // "أدفع ٣٠ ألفاً فقط", "i'll give you 30 for it": an amount with "only" or "give you" is a counter-offer.
    private static readonly string[] OfferMarkers = new[] { "فقط", "بس", "only", "give you", "انطيك", "اعطيك" }.Select(ArabicNormalizer.Normalize).ToArray();

    // Emoji are separators for matching; a message that is only a thumbs-up / OK hand / check mark is a yes.
    private static readonly string[] YesEmoji = ["👍", "👌", "✅", "🆗"];

    // "طلبت ازرق ووصلني اسود": what arrived is not what was ordered.
    private static readonly string[] OrderedStems = new[] { "طلبت", "طالب", "ordered" }.Select(ArabicNormalizer.Normalize).ToArray();
    private static readonly string[] ReceivedStems = new[] { "وصلني", "وصلتني", "جاني", "اجاني", "got", "received" }.Select(ArabicNormalizer.Normalize).ToArray();

    // "اشوفكم بعدين", "see you later": "later" in a goodbye is no refusal.
    private static readonly HashSet<string> LaterCues = new[] { "بعدين", "ba3dain", "ba3dein", "maybe later" }.Select(ArabicNormalizer.Normalize).ToHashSet(StringComparer.Ordinal);

    public static void Apply(NormalizedMessage message, List<IntentCue> cues, HashSet<CustomerIntent> strong, long? budget)
    {
        var has = (CustomerIntent i) => cues.Exists(c => c.Intent == i);

        if (strong.Contains(CustomerIntent.Order) && OrdersOnlyHypothetically(message, cues))
        {
            strong.Remove(CustomerIntent.Order);
            if (cues.Exists(c => c.Intent == CustomerIntent.Price && HowMuch.Contains(c.Cue)) && !has(CustomerIntent.Delivery))
            {
                // "اذا اخذ ثلاثة شكد تسوي": the price for several is a bulk discount being asked for.
                cues.Add(new IntentCue(CustomerIntent.Haggle, "if-bulk"));
                strong.Add(CustomerIntent.Haggle);
            }
        }

        if (has(CustomerIntent.Variant) && has(CustomerIntent.Price) &&
            cues.Where(c => c.Intent == CustomerIntent.Price).All(c => HowMuch.Contains(c.Cue)))
        {
            cues.RemoveAll(c => c.Intent == CustomerIntent.Price);
        }

        var attribute = message.Tokens.FirstOrDefault(t => ArabicNormalizer.WithoutPrefixes(t).Any(VariantWords.Attributes.Contains));
        if (attribute is not null && !has(CustomerIntent.Variant))
        {
            // "اكو منه اسود؟", "do you have it in blue": the colour is the whole question. With a product noun
            // ("اكو عبايات سود؟") it stays availability; a bare material question ("is it cotton?") is a variant too.
            var onlySmallTalkBesides = cues.All(c => c.Intent is CustomerIntent.Availability or CustomerIntent.Greeting);
            var asksForTheAttribute = has(CustomerIntent.Availability)
                ? !HasContentWords(message, quantityNamesAProduct: false)
                : IsQuestion(message);
            if (onlySmallTalkBesides && asksForTheAttribute)
            {
                cues.Add(new IntentCue(CustomerIntent.Variant, attribute));
                strong.Add(CustomerIntent.Variant);
            }
        }

        // "اريد البيجامة الزرقة قياس ميديم", "I need one in size L": a bare want that names a product or a count is an order,
        // while "اريد قياس اكبر" (no product) is still a question about sizes.
        if (has(CustomerIntent.Order) && !strong.Contains(CustomerIntent.Order) && has(CustomerIntent.Variant) &&
            !has(CustomerIntent.Availability) && HasContentWords(message, quantityNamesAProduct: true))
        {
            strong.Add(CustomerIntent.Order);
        }

        if (cues.Count == 0 && message.Tokens.Count == 0 && YesEmoji.Any(message.Original.Contains))
        {
            cues.Add(new IntentCue(CustomerIntent.Confirm, "👍"));
            strong.Add(CustomerIntent.Confirm);
        }

        if (strong.Contains(CustomerIntent.Farewell) && strong.Contains(CustomerIntent.Cancel) &&
            cues.Where(c => c.Intent == CustomerIntent.Cancel).All(c => LaterCues.Contains(c.Cue)))
        {
            cues.RemoveAll(c => c.Intent == CustomerIntent.Cancel);
            strong.Remove(CustomerIntent.Cancel);
        }

        if (!has(CustomerIntent.Complaint) && message.Tokens.Any(t => OrderedStems.Any(t.StartsWith)) &&
            message.Tokens.Any(t => ArabicNormalizer.WithoutPrefixes(t).Any(v => ReceivedStems.Any(v.StartsWith))))
        {
            cues.Add(new IntentCue(CustomerIntent.Complaint, "ordered-received"));
            strong.Add(CustomerIntent.Complaint);
        }

        var barePriced = BareAmount.IsMatch(Digits.Fold(message.Original));
        var amountNamed = PriceMentions.Extract(message.Original).Count > 0;
        var numberNamed = amountNamed || barePriced || message.Tokens.Any(t => t.Length > 0 && t.All(char.IsAsciiDigit));
        var offerMarked = OfferMarkers.Any(m => m.Contains(' ') ? message.ContainsPhrase(m) : message.Tokens.Contains(m));
        // "اريد هدية بحدود ٥٠ الف": an amount after a word that sets a limit is a budget, not an offer.
        if (!has(CustomerIntent.Haggle) && budget is null &&
            (((amountNamed || barePriced) && (has(CustomerIntent.Order) || message.Tokens.Any(t => OfferVerbStems.Any(t.StartsWith)))) ||
             (numberNamed && offerMarked && (has(CustomerIntent.Payment) || has(CustomerIntent.Order) || message.ContainsPhrase("give you")))))
        {
            cues.Add(new IntentCue(CustomerIntent.Haggle, "offer"));
            strong.Add(CustomerIntent.Haggle);
        }
        else if (amountNamed && IsQuestion(message) && cues.All(c => c.Intent is CustomerIntent.Confirm or CustomerIntent.Greeting))
        {
            // "هذا بـ ٢٥ الف صح؟": checking a price, not saying yes.
            cues.Add(new IntentCue(CustomerIntent.Price, "amount?"));
            strong.Add(CustomerIntent.Price);
        }

        // "can i get a discount on the jacket?": what is asked for is the discount, not the jacket.
        if (has(CustomerIntent.Haggle))
        {
            cues.RemoveAll(c => c.Intent == CustomerIntent.Order && PoliteRequests.Contains(c.Cue));
        }
    }

    // "can i get the hoodie in grey L": an order in English, said as a question.
    private static readonly HashSet<string> PoliteRequests =
        new[] { "can i get", "could i get", "can i have", "could i have", "may i have" }.Select(ArabicNormalizer.Normalize).ToHashSet(StringComparer.Ordinal);

    private static bool OrdersOnlyHypothetically(NormalizedMessage message, List<IntentCue> cues)
    {
        var orderCues = cues.Where(c => c.Intent == CustomerIntent.Order).Select(c => c.Cue).ToHashSet(StringComparer.Ordinal);
        var hypothetical = false;
        for (var i = 0; i < message.Tokens.Count; i++)
        {
            var isOrderWord = ArabicNormalizer.WithoutPrefixes(message.Tokens[i]).Any(orderCues.Contains);
            if (!isOrderWord)
            {
                continue;
            }

            if (i == 0 || !Conditionals.Contains(message.Tokens[i - 1]))
            {
                return false;
            }

            hypothetical = true;
        }

        return hypothetical;
    }

    private static bool IsQuestion(NormalizedMessage message) =>
        message.Original.Contains('?') || message.Original.Contains('؟') ||
        message.Tokens.Count > 0 && message.Tokens[0] is "هل" or "is" or "does" or "are" or "do" ||
        message.Tokens.Contains("لو") || message.Tokens.Contains("or");

    /// <summary>
    /// Whether the message has a word that is neither a cue, a colour/material, a function word nor a number —
    /// in practice a product noun ("عبايات", "hoodie"). With quantityNamesAProduct, "ثنين"/"one" also count as naming what to buy.
    /// </summary>
    private static bool HasContentWords(NormalizedMessage message, bool quantityNamesAProduct)
    {
        foreach (var token in message.Tokens)
        {
            if (token.Length < 2 || token.All(char.IsAsciiDigit))
            {
                continue;
            }

            var variants = ArabicNormalizer.WithoutPrefixes(token).ToArray();
            if (variants.Any(VariantWords.Quantities.Contains))
            {
                if (quantityNamesAProduct)
                {
                    return true;
                }

                continue;
            }

            if (variants.Any(v => IntentLexicon.CueWords.Contains(v) || VariantWords.Attributes.Contains(v) || VariantWords.Function.Contains(v) ||
                                  IntentLexicon.CueStems.Any(v.StartsWith)))
            {
                continue;
            }

            return true;
        }

        return false;
    }
}
