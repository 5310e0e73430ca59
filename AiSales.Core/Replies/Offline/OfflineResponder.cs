using AiSales.Core.Text;


namespace AiSales.Core.Replies.Offline;

/// <summary>
/// The reply engine when no LLM is configured, the fallback when the LLM fails, and the keeper of the sale's state
/// either way (<see cref="SalesTurn"/>). Pure function of its input: no I/O, no clock, no randomness — the same request
/// always yields the same reply and the same next state. Prices, stock and delivery numbers come only from the
/// request's catalog and delivery options.
/// </summary>
public static partial class OfflineResponder
{
    public static OfflineReply Respond(OfflineRequest request)
    {
        // A pin or a contact card says what the customer would have typed (governorate and address, a phone number);
        // what says nothing readable (a photo, a voice note, a sticker) gets an answer of its own.
        // A cart from the WhatsApp catalog is an order to complete, whatever text came with it.
        var cart = request.Media?.FirstOrDefault(m => m is { Kind: MediaKind.Cart, Items.Count: > 0 })?.Items;
        if (request.Media is { Count: > 0 } media && cart is null)
        {
            if (MediaWords(media, request.State?.Language == "en") is { } words)
            {
                request = request with { MessageText = string.IsNullOrWhiteSpace(request.MessageText) ? words : request.MessageText + "\n" + words };
            }
            else if (string.IsNullOrWhiteSpace(request.MessageText))
            {
                return MediaReply(request, media);
            }
        }

        // "اريدهXL", "الفلكة٠٧٨…": words of two scripts written together are two words.
        request = request with { MessageText = ScriptBoundary().Replace(request.MessageText, " ") };
        var message = IntentDetector.Prepare(request.MessageText);
        var intent = IntentDetector.Detect(message);
        // "ok", "👍", a phone number: no language of their own; the conversation's stays. So does an Arabic conversation
        // when a Latin-letter message has no English word in it ("baghdad al mansour 0770…", "ee tamam"): place names
        // and Arabizi, not a switch to English.
        // Nor does an address line in English words from someone who has been writing Arabic ("karrada near the bridge").
        var slots = SlotExtractor.Extract(request.MessageText);
        var english = request.State?.Language is { } language
                      && (LanguageNeutral(message) || (language == "ar" && (!message.Tokens.Any(t => IntentLexicon.IsEnglishWord(t) && !SizeLetters.Contains(t))
                          || slots is { Address: not null } or { Phone: not null })))
            ? language == "en"
            : intent.Script == CustomerScript.English;
        var phrases = new ReplyPhrases(english, Fnv1a(message.Text), request.Tone);
        var turn = new SalesTurn(request, message, intent, slots, phrases, Signals(intent, request.MessageText));
        var reply = cart is null ? turn.Run() : turn.RunCart(cart);
        reply.State.Language = english ? "en" : "ar";
        return reply;
    }

    // "XXL" is a size in any language.
    private static readonly HashSet<string> SizeLetters = ["xs", "s", "m", "l", "xl", "xxl", "xxxl", "2xl", "3xl"];

    private static readonly HashSet<string> NeutralWords =
        ["ok", "okay", "k", "yes", "no", "yeah", "yep", "sure", "thanks", "thx", "bye", "hi", "hello", "tamam", "ee", "la", "bet"];

    private static bool LanguageNeutral(Text.NormalizedMessage message) =>
        message.Tokens.Count <= 2 && message.Tokens.All(t => NeutralWords.Contains(t) || t.All(char.IsAsciiDigit));

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=[\u0621-\u064A])(?=[A-Za-z0-9\u0660-\u0669\u06F0-\u06F9])|(?<=[A-Za-z])(?=[\u0621-\u064A])")]
    private static partial System.Text.RegularExpressions.Regex ScriptBoundary();

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
