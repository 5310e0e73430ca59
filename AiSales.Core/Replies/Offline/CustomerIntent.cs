namespace AiSales.Core.Replies.Offline;

/// <summary>What a customer message is about. Several can apply to one message.</summary>
public enum CustomerIntent
{
    Other,
    Greeting,
    Price,
    Availability,
    Variant,
    Delivery,
    Order,
    Complaint,
    WantsHuman,
    Thanks,
    /// <summary>Returns, exchanges, refunds: a person handles them.</summary>
    ReturnOrExchange,
    /// <summary>Asking for a discount or a better price.</summary>
    Haggle,
    /// <summary>How to pay: cash on delivery, card, transfer.</summary>
    Payment,
    /// <summary>Goodbyes and blessings that close a chat ("مع السلامة", "الله وياك").</summary>
    Farewell,
    /// <summary>Yes / go ahead / confirm ("اي", "تمام", "ثبت", "yes").</summary>
    Confirm,
    /// <summary>No / cancel / not now ("لا", "الغي", "مو هسه", "cancel").</summary>
    Cancel,
}

/// <summary>The language the customer wrote in, which decides the reply's language and script.</summary>
public enum CustomerScript
{
    Arabic,
    Arabizi,
    English,
}

/// <summary>A cue that fired: which intent, and the normalised text that matched (for lead-score reasons).</summary>
public sealed record IntentCue(CustomerIntent Intent, string Cue);

/// <param name="Budget">A spending limit the message sets ("بحدود ٥٠ الف"), in dinars (<see cref="Offline.Budget"/>).</param>
public sealed record IntentResult(
    CustomerIntent Primary,
    IReadOnlyList<CustomerIntent> All,
    double Confidence,
    IReadOnlyList<IntentCue> Cues,
    Governorate? Governorate,
    CustomerScript Script,
    long? Budget = null)
{
    public bool Has(CustomerIntent intent) => All.Contains(intent);
}
