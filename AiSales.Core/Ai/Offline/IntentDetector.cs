using AiSales.Core.Ai.Text;

namespace AiSales.Core.Ai.Offline;

/// <summary>
/// Rule-based intent detection over the lexicon. Deterministic and allocation-light: one normalisation,
/// then hash lookups per cue. Several intents can co-occur ("هلو شكد سعره" = greeting + price).
/// </summary>
public static class IntentDetector
{
    // Which intent answers the message when several fire: people asking for help first, then concrete
    // buying steps, then questions, then small talk.
    private static readonly CustomerIntent[] Priority =
    [
        CustomerIntent.WantsHuman, CustomerIntent.Complaint, CustomerIntent.ReturnOrExchange, CustomerIntent.Cancel,
        CustomerIntent.Order, CustomerIntent.Haggle, CustomerIntent.Payment, CustomerIntent.Price,
        CustomerIntent.Availability, CustomerIntent.Variant, CustomerIntent.Delivery, CustomerIntent.Confirm, CustomerIntent.Greeting,
        CustomerIntent.Thanks, CustomerIntent.Farewell,
    ];

    public static IntentResult Detect(string? text) => Detect(Prepare(text));

    /// <summary>Normalises a message with the lexicon's negated phrases blanked out.</summary>
    public static NormalizedMessage Prepare(string? text) => new(text, IntentLexicon.Negated);

    public static IntentResult Detect(NormalizedMessage message)
    {
        var cues = new List<IntentCue>();
        var strongOrder = false;
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

            strongOrder |= cue.Intent == CustomerIntent.Order && !cue.IsWeak;
        }

        var governorate = Governorates.Detect(message);
        if (governorate is { } g)
        {
            // Naming a governorate is a delivery signal ("اني من البصرة") even without the word توصيل.
            cues.Add(new IntentCue(CustomerIntent.Delivery, g.Cue));
        }

        var found = cues.Select(c => c.Intent).ToHashSet();

        // "اريد احچي ويه موظف": the "I want" belongs to the request for a person, not to a purchase.
        if (found.Contains(CustomerIntent.WantsHuman) && !strongOrder)
        {
            cues.RemoveAll(c => c.Intent == CustomerIntent.Order);
            found.Remove(CustomerIntent.Order);
        }

        var primary = ChoosePrimary(found, strongOrder);
        var all = Priority.Where(found.Contains).ToArray();
        var confidence = Confidence(primary, cues);
        return new IntentResult(primary, all, confidence, cues, governorate?.Gov, ScriptDetector.Detect(message));
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

    private static CustomerIntent ChoosePrimary(HashSet<CustomerIntent> found, bool strongOrder)
    {
        foreach (var intent in Priority)
        {
            if (!found.Contains(intent))
            {
                continue;
            }

            // A bare "اريد" next to a question is usually "I want to know…": answer the question first.
            if (intent == CustomerIntent.Order && !strongOrder &&
                (found.Contains(CustomerIntent.Price) || found.Contains(CustomerIntent.Availability) || found.Contains(CustomerIntent.Variant)))
            {
                continue;
            }

            return intent;
        }

        return CustomerIntent.Other;
    }

    private static double Confidence(CustomerIntent primary, List<IntentCue> cues)
    {
        if (primary == CustomerIntent.Other)
        {
            return 0.2;
        }

        var forPrimary = cues.Count(c => c.Intent == primary);
        var value = 0.6 + (0.15 * (forPrimary - 1)) + (0.05 * (cues.Count - forPrimary));
        return Math.Round(Math.Min(0.95, value), 2);
    }
}
