using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Leads;
using AiSales.Core.Replies.Offline;

namespace AiSales.Tests.Leads;

[Trait("Category", "Unit")]
public sealed class LeadScorerTests
{
    private readonly LeadScorer _scorer = new();
    private static readonly LeadState Fresh = new(LeadStage.New, LeadLabel.Cold, 0);

    [Fact]
    public void A_greeting_engages_a_new_lead_and_stays_cold()
    {
        var a = _scorer.Assess(Fresh, [LeadSignal.Greeting]);
        Assert.Equal(new LeadState(LeadStage.Engaged, LeadLabel.Cold, 5), a.Next);
        Assert.Contains(LeadReason.StageChanged(LeadStage.New, LeadStage.Engaged).Encode(), a.Reasons.Select(r => r.Encode()));
    }

    [Fact]
    public void A_price_question_about_a_product_makes_the_lead_interested_and_warm()
    {
        var a = _scorer.Assess(Fresh, [LeadSignal.PriceAsked, LeadSignal.ProductMatched]);
        Assert.Equal(LeadStage.Interested, a.Next.Stage);
        Assert.Equal(LeadLabel.Warm, a.Next.Label);
        Assert.Equal(30, a.Next.Score);
        Assert.Contains("lead:signal|price_asked|10", a.Reasons.Select(r => r.Encode()));
    }

    [Fact]
    public void Order_intent_or_a_phone_number_moves_to_ordering_and_hot()
    {
        var a = _scorer.Assess(new LeadState(LeadStage.Interested, LeadLabel.Warm, 30), [LeadSignal.OrderIntent, LeadSignal.Governorate]);
        Assert.Equal(new LeadState(LeadStage.Ordering, LeadLabel.Hot, 60), a.Next);

        var phone = _scorer.Assess(Fresh, [LeadSignal.PhoneGiven]);
        Assert.Equal(LeadStage.Ordering, phone.Next.Stage);
        Assert.Equal(LeadLabel.Hot, phone.Next.Label);
    }

    [Fact]
    public void Stage_never_moves_backward_automatically()
    {
        var a = _scorer.Assess(new LeadState(LeadStage.Ordering, LeadLabel.Hot, 70), [LeadSignal.Thanks]);
        Assert.Equal(LeadStage.Ordering, a.Next.Stage);
        Assert.Equal(72, a.Next.Score);
    }

    [Fact]
    public void Gain_per_message_is_capped()
    {
        var a = _scorer.Assess(new LeadState(LeadStage.Ordering, LeadLabel.Hot, 60),
            [LeadSignal.OrderIntent, LeadSignal.PhoneGiven, LeadSignal.PriceAsked, LeadSignal.Governorate]);
        Assert.Equal(60 + LeadScorer.MaxGainPerMessage, a.Next.Score);
    }

    [Fact]
    public void Complaint_costs_points_but_not_below_the_stage_floor()
    {
        var a = _scorer.Assess(new LeadState(LeadStage.Interested, LeadLabel.Warm, 40), [LeadSignal.Complaint]);
        Assert.Equal(LeadStage.Interested, a.Next.Stage);
        Assert.Equal(30, a.Next.Score);
        Assert.Contains("lead:signal|complaint|-15", a.Reasons.Select(r => r.Encode()));
    }

    [Fact]
    public void Explicit_not_interested_moves_to_lost_and_cold()
    {
        var a = _scorer.Assess(new LeadState(LeadStage.Ordering, LeadLabel.Hot, 80), LeadCues.Detect("الغي الطلب ما اريد"));
        Assert.Equal(new LeadState(LeadStage.Lost, LeadLabel.Cold, 10), a.Next);
    }

    [Theory]
    [InlineData("ما اريد غير الاسود")]
    [InlineData("اريد الجاكيت")]
    public void Wanting_only_one_thing_is_not_lost(string text) =>
        Assert.DoesNotContain(LeadCues.NotInterested, LeadCues.Detect(text));

    [Fact]
    public void A_lost_lead_reopens_only_on_real_interest()
    {
        var lost = new LeadState(LeadStage.Lost, LeadLabel.Cold, 10);
        Assert.Equal(LeadStage.Lost, _scorer.Assess(lost, [LeadSignal.Thanks]).Next.Stage);
        Assert.Equal(LeadStage.Interested, _scorer.Assess(lost, [LeadSignal.PriceAsked]).Next.Stage);
    }

    [Fact]
    public void Won_comes_only_from_a_confirmed_order_and_is_terminal()
    {
        var won = _scorer.Assess(new LeadState(LeadStage.Ordering, LeadLabel.Hot, 70), [LeadCues.OrderConfirmed]).Next;
        Assert.Equal(new LeadState(LeadStage.Won, LeadLabel.Hot, 100), won);
        Assert.Equal(LeadStage.Won, _scorer.Assess(won, [LeadCues.NotInterested]).Next.Stage);
    }

    [Fact]
    public void Nothing_new_changes_nothing()
    {
        var state = new LeadState(LeadStage.Interested, LeadLabel.Warm, 40);
        Assert.False(_scorer.Assess(state, []).AnyChange);
    }
}
