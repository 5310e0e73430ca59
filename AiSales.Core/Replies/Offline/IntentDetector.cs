using AiSales.Core.Text;


namespace AiSales.Core.Replies.Offline;

/// <summary>
/// Rule-based intent detection over the lexicon. Deterministic and allocation-light: one normalisation,
/// then hash lookups per cue. Several intents can co-occur ("هلو شكد سعره" = greeting + price).
/// Measured on the labelled corpus in docs/intents.md (bench/Intents).
/// </summary>
public static class IntentDetector
{
    // The order of IntentResult.All: people asking for help first, then buying steps, then questions, then small talk.
    private static readonly CustomerIntent[] Priority =
    [
        CustomerIntent.WantsHuman, CustomerIntent.ReturnOrExchange, CustomerIntent.Complaint, CustomerIntent.Cancel, CustomerIntent.Haggle,
        CustomerIntent.Order, CustomerIntent.Payment, CustomerIntent.Delivery, CustomerIntent.Price, CustomerIntent.Variant,
        CustomerIntent.Availability, CustomerIntent.Confirm, CustomerIntent.Farewell, CustomerIntent.Thanks, CustomerIntent.Greeting,
    ];

    // Which intent answers the message. A slot with Strong = true needs a strong cue; Strong = false takes any cue, so an
    // intent seen only through weak cues ("اريد", "لا", "اي", "ok", "خلص") ranks at its weak slot, below the questions:
    // - "لا ما اريده": ما اريد is a strong Cancel and beats the Order; a bare "لا" next to a question yields to the question.
    // - "اي اريده" is an Order (weak Order above Confirm); "ok thanks" is Thanks (weak Confirm last).
    // - Haggle before Order: "اخذ ثنين بس نزللي شوية" is a condition on buying. Order before Payment: "اريد اطلب، الدفع
    //   عند الاستلام؟" is an order whose payment question the order flow answers anyway.
    // - Delivery before Price: "شكد التوصيل" asks the delivery fee. Variant before Availability: "اكو لارج؟" asks for a size.
    // - Returns before complaints: "وصل خربان اريد ابدله" asks for the exchange, which is the thing to arrange.
    private static readonly (CustomerIntent Intent, bool Strong)[] Ranking =
    [
        (CustomerIntent.WantsHuman, false), (CustomerIntent.ReturnOrExchange, false), (CustomerIntent.Complaint, false), (CustomerIntent.Cancel, true),
        (CustomerIntent.Haggle, false), (CustomerIntent.Order, true), (CustomerIntent.Payment, false), (CustomerIntent.Delivery, false),
        (CustomerIntent.Price, false), (CustomerIntent.Variant, false), (CustomerIntent.Availability, true), (CustomerIntent.Order, false),
        (CustomerIntent.Cancel, false), (CustomerIntent.Confirm, true), (CustomerIntent.Farewell, true), (CustomerIntent.Thanks, false),
        (CustomerIntent.Farewell, false), (CustomerIntent.Greeting, false), (CustomerIntent.Confirm, false), (CustomerIntent.Availability, false),
    ];

    public static IntentResult Detect(string? text) => Detect(Prepare(text));

    /// <summary>Normalises a message with the lexicon's negated phrases blanked out.</summary>
    public static NormalizedMessage Prepare(string? text) => new(text, IntentLexicon.Negated);

    public static IntentResult Detect(NormalizedMessage message)
    {
        var cues = new List<IntentCue>();
        var strong = new HashSet<CustomerIntent>();
        foreach (var cue in IntentLexicon.Cues)
        {
            if (!cue.Matches(message, out var matched) || IsException(message, matched))
            {
                continue;
            }

            if (!cues.Exists(c => c.Intent == cue.Intent && c.Cue == matched))
            {
                cues.Add(new IntentCue(cue.Intent, matched));
            }

            if (!cue.IsWeak)
            {
                strong.Add(cue.Intent);
            }
        }

        var governorate = Governorates.Detect(message);
        var explicitDelivery = cues.Exists(c => c.Intent == CustomerIntent.Delivery);
        if (governorate is { } g)
        {
            // Naming a governorate is a delivery signal ("اني من البصرة") even without the word توصيل; but only a weak one:
            // "اريد الجاكيت، اني من البصرة" is an order that already gives the address.
            cues.Add(new IntentCue(CustomerIntent.Delivery, g.Cue));
            if (explicitDelivery)
            {
                strong.Add(CustomerIntent.Delivery);
            }
        }
        else if (explicitDelivery)
        {
            strong.Add(CustomerIntent.Delivery);
        }

        var budget = Budget.In(message.Original);
        ContextRules.Apply(message, cues, strong, budget);

        // "اريد احچي ويه موظف", "اريد ابدله": the "I want" belongs to the request for a person or an exchange, not to a
        // purchase; "لا ما اريده", "لا تدزه": a refused order is no order. All must not carry Order then, or the order flow
        // would start asking for an address.
        var wantBelongsElsewhere = cues.Exists(c => c.Intent is CustomerIntent.WantsHuman or CustomerIntent.ReturnOrExchange) &&
                                   !strong.Contains(CustomerIntent.Order);
        if (wantBelongsElsewhere || strong.Contains(CustomerIntent.Cancel))
        {
            cues.RemoveAll(c => c.Intent == CustomerIntent.Order);
        }

        var found = cues.Select(c => c.Intent).ToHashSet();
        var primary = ChoosePrimary(found, strong, governorateOnlyDelivery: governorate is not null && !explicitDelivery);
        var all = Priority.Where(found.Contains).ToArray();
        var confidence = Confidence(primary, cues, strong.Contains(primary));
        return new IntentResult(primary, all, confidence, cues, governorate?.Gov, ScriptDetector.Detect(message), budget);
    }

    private static bool IsException(NormalizedMessage message, string matched)
    {
        foreach (var (cue, phrase) in IntentLexicon.CueExceptions)
        {
            if (cue == matched && message.ContainsPhrase(phrase))
            {
                return true;
            }
        }

        return false;
    }

    private static CustomerIntent ChoosePrimary(HashSet<CustomerIntent> found, HashSet<CustomerIntent> strong, bool governorateOnlyDelivery)
    {
        foreach (var (intent, needsStrong) in Ranking)
        {
            if (!found.Contains(intent) || (needsStrong && !strong.Contains(intent)))
            {
                continue;
            }

            // A city next to a bare "اريد" is the order's address, not a delivery question.
            if (intent == CustomerIntent.Delivery && governorateOnlyDelivery && found.Contains(CustomerIntent.Order))
            {
                continue;
            }

            return intent;
        }

        return CustomerIntent.Other;
    }

    private static double Confidence(CustomerIntent primary, List<IntentCue> cues, bool strongPrimary)
    {
        if (primary == CustomerIntent.Other)
        {
            return 0.2;
        }

        var forPrimary = cues.Count(c => c.Intent == primary);
        var value = (strongPrimary ? 0.6 : 0.5) + (0.15 * (forPrimary - 1)) + (0.05 * (cues.Count - forPrimary));
        return Math.Round(Math.Min(0.95, value), 2);
    }
}
