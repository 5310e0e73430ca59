using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Replies.Leads;

/// <summary>A contact's lead state (what contacts.stage/label/score hold).</summary>
public sealed record LeadState(LeadStage Stage, LeadLabel Label, int Score);

/// <summary>The scorer's verdict: the next state and the reasons behind it (codes; the dashboard translates them).</summary>
public sealed record LeadAssessment(LeadState Previous, LeadState Next, IReadOnlyList<LeadReason> Reasons)
{
    public bool StageChanged => Previous.Stage != Next.Stage;
    public bool LabelChanged => Previous.Label != Next.Label;
    public bool ScoreChanged => Previous.Score != Next.Score;
    public bool AnyChange => StageChanged || LabelChanged || ScoreChanged;
}
