using AiSales.Core.Ai.Text;

namespace AiSales.Core.Ai.Offline;

/// <summary>
/// The reply engine when no LLM is configured, the fallback when the LLM fails, and the keeper of the sale's state
/// either way (<see cref="SalesTurn"/>). Pure function of its input: no I/O, no clock, no randomness — the same request
/// always yields the same reply and the same next state. Prices, stock and delivery numbers come only from the
/// request's catalog and delivery options.
/// </summary>
public static class OfflineResponder
{
    public static OfflineReply Respond(OfflineRequest request)
    {
        var message = IntentDetector.Prepare(request.MessageText);
        var intent = IntentDetector.Detect(message);
        var phrases = new ReplyPhrases(intent.Script == CustomerScript.English, Fnv1a(message.Text), request.Tone);
        return new SalesTurn(request, message, intent, phrases, Signals(intent, request.MessageText)).Run();
    }

    /// <summary>The lead signals a customer message carries, without answering it (a person owns the chat).</summary>
    public static IReadOnlyList<string> SignalsOf(string text) => Signals(IntentDetector.Detect(text), text);

    /// <summary>The hand-off announcement for a hand-off the engine decides (merchant keyword, the model's request).</summary>
    public static string HandoffText(string reason, string customerText, string merchantName, string? merchantNameEn, TeamHours? backAt, ReplyTone tone)
    {
        var message = IntentDetector.Prepare(customerText);
        var english = IntentDetector.Detect(message).Script == CustomerScript.English;
        var phrases = new ReplyPhrases(english, Fnv1a(message.Text), tone);
        return phrases.Handoff(reason, english && merchantNameEn is not null ? merchantNameEn : merchantName, backAt, again: false);
    }

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
        AddIf(CustomerIntent.ReturnOrExchange, LeadSignal.Complaint);
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
