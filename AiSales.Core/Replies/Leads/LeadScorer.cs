using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Offline;

namespace AiSales.Core.Replies.Leads;

/// <summary>
/// Stage, label and score of a lead from one message's signals. Pure function; rules (docs/ai.md §Lead scoring):
/// - Stage only moves forward automatically: new → engaged (any message) → interested (asked about a product,
///   price, availability, variant or delivery) → ordering (order intent or a phone number). Won comes from an order
///   the customer confirmed in the chat (<see cref="LeadSignal.OrderPlaced"/>) or <see cref="LeadCues.OrderConfirmed"/>
///   (a person or an order integration). Lost only from an explicit
///   "not interested / cancel" cue; a lost lead that shows interest again re-opens at the stage that interest
///   implies. Won is terminal for automation.
/// - Score: previous score + the message's signal points (capped at +30 per message so one long burst cannot
///   jump a cold lead to hot), floored at the stage's minimum, within 0..100. Complaints cost points.
/// - Label from score: hot ≥ 60, warm ≥ 30, otherwise cold.
/// </summary>
public sealed class LeadScorer
{
    public const int HotThreshold = 60;
    public const int WarmThreshold = 30;
    public const int MaxGainPerMessage = 30;

    private static readonly (string Signal, int Points)[] Points =
    [
        (LeadSignal.OrderPlaced, 30),
        (LeadSignal.OrderIntent, 20),
        (LeadSignal.PhoneGiven, 20),
        (LeadSignal.PriceAsked, 10),
        (LeadSignal.AvailabilityAsked, 10),
        (LeadSignal.VariantAsked, 10),
        (LeadSignal.DeliveryAsked, 8),
        (LeadSignal.Governorate, 8),
        (LeadSignal.ProductMatched, 5),
        (LeadSignal.Greeting, 2),
        (LeadSignal.Thanks, 2),
        (LeadSignal.OutOfStock, -5),
        (LeadSignal.Complaint, -15),
        (LeadCues.NotInterested, -40),
    ];

    private static readonly string[] InterestSignals =
    [
        LeadSignal.PriceAsked, LeadSignal.AvailabilityAsked, LeadSignal.VariantAsked, LeadSignal.DeliveryAsked,
        LeadSignal.ProductMatched,
    ];

    private static readonly string[] OrderSignals = [LeadSignal.OrderIntent, LeadSignal.PhoneGiven];

    public LeadAssessment Assess(LeadState current, IReadOnlyCollection<string> signals)
    {
        var set = new HashSet<string>(signals, StringComparer.Ordinal);
        var reasons = new List<LeadReason>();

        var stage = NextStage(current.Stage, set);
        if (stage != current.Stage)
            reasons.Add(LeadReason.StageChanged(current.Stage, stage));

        var gain = 0;
        var loss = 0;
        foreach (var (signal, points) in Points)
        {
            if (!set.Contains(signal))
                continue;
            if (points >= 0) gain += points; else loss += points;
            reasons.Add(LeadReason.Signal(signal, points));
        }

        var score = current.Score + Math.Min(gain, MaxGainPerMessage) + loss;
        score = stage switch
        {
            LeadStage.Won => 100,
            LeadStage.Lost => Math.Min(score, 10),
            _ => Math.Max(score, Floor(stage)),
        };
        score = Math.Clamp(score, 0, 100);

        var label = score >= HotThreshold ? LeadLabel.Hot : score >= WarmThreshold ? LeadLabel.Warm : LeadLabel.Cold;
        return new LeadAssessment(current, new LeadState(stage, label, score), reasons);
    }

    private static LeadStage NextStage(LeadStage current, HashSet<string> signals)
    {
        if (current == LeadStage.Won)
            return LeadStage.Won;
        if (signals.Contains(LeadCues.OrderConfirmed) || signals.Contains(LeadSignal.OrderPlaced))
            return LeadStage.Won;
        if (signals.Contains(LeadCues.NotInterested))
            return LeadStage.Lost;

        var implied = OrderSignals.Any(signals.Contains) ? LeadStage.Ordering
            : InterestSignals.Any(signals.Contains) ? LeadStage.Interested
            : LeadStage.Engaged;

        // Lost re-opens only on real interest (a "thanks" after cancelling is not a comeback).
        if (current == LeadStage.Lost)
            return implied == LeadStage.Engaged ? LeadStage.Lost : implied;

        return Rank(implied) > Rank(current) ? implied : current;
    }

    private static int Rank(LeadStage stage) => stage switch
    {
        LeadStage.New => 0,
        LeadStage.Engaged => 1,
        LeadStage.Interested => 2,
        LeadStage.Ordering => 3,
        LeadStage.Won => 4,
        _ => -1,
    };

    /// <summary>A lead that reached a stage is at least this warm, whatever earlier complaints cost.</summary>
    private static int Floor(LeadStage stage) => stage switch
    {
        LeadStage.Engaged => 5,
        LeadStage.Interested => 30,
        LeadStage.Ordering => 60,
        _ => 0,
    };
}
