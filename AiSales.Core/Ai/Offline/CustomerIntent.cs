namespace AiSales.Core.Ai.Offline;

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

public sealed record IntentResult(
    CustomerIntent Primary,
    IReadOnlyList<CustomerIntent> All,
    double Confidence,
    IReadOnlyList<IntentCue> Cues,
    Governorate? Governorate,
    CustomerScript Script)
{
    public bool Has(CustomerIntent intent) => All.Contains(intent);
}
