using AiSales.Core.Ai.Text;

namespace AiSales.Core.Ai.Offline;

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

    public static void Apply(NormalizedMessage message, List<IntentCue> cues, HashSet<CustomerIntent> strong)
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

        var amountNamed = PriceMentions.Extract(message.Original).Count > 0;
        if (amountNamed && !has(CustomerIntent.Haggle) &&
            (has(CustomerIntent.Order) || message.Tokens.Any(t => OfferVerbStems.Any(t.StartsWith))))
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
    }

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
