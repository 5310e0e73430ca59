using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Turns;

namespace AiSales.Tests.Ai.Replies;

[Trait("Category", "Unit")]
public sealed class TurnPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Trigger = Guid.NewGuid();
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(30);
    private readonly TurnPolicy _policy = new();

    private static ConversationTurnState State(
        ConversationStatus status = ConversationStatus.Open, ConversationOwner owner = ConversationOwner.Ai,
        Guid? latest = null, DateTimeOffset? latestAt = null, DateTimeOffset? human = null, DateTimeOffset? ai = null) =>
        new(status, owner, latest ?? Trigger, latestAt ?? T0, human, ai);

    private TurnDecision Decide(ConversationTurnState state) =>
        _policy.Decide(new TurnTrigger(Trigger, T0), state, Quiet, T0.AddSeconds(10));

    [Fact]
    public void Sends_when_the_trigger_is_still_the_latest_and_the_ai_owns_the_chat() =>
        Assert.Equal(TurnDecision.Send, Decide(State()));

    [Fact]
    public void Drops_when_a_newer_customer_message_arrived() =>
        Assert.Equal(TurnDropReason.NewerCustomerMessage, Decide(State(latest: Guid.NewGuid(), latestAt: T0.AddSeconds(3))).Reason);

    [Fact]
    public void Drops_when_a_human_spoke_after_the_trigger() =>
        Assert.Equal(TurnDropReason.HumanSpoke, Decide(State(human: T0.AddSeconds(5))).Reason);

    [Fact]
    public void Drops_within_the_human_quiet_period_even_if_the_ai_owns_the_chat_again() =>
        Assert.Equal(TurnDropReason.HumanQuietPeriod, Decide(State(human: T0.AddMinutes(-10))).Reason);

    [Fact]
    public void Sends_once_the_human_quiet_period_is_over() =>
        Assert.True(Decide(State(human: T0.AddMinutes(-31))).ShouldSend);

    [Fact]
    public void Drops_when_a_human_owns_the_chat() =>
        Assert.Equal(TurnDropReason.OwnerIsHuman, Decide(State(owner: ConversationOwner.Human)).Reason);

    [Fact]
    public void Drops_when_the_conversation_is_closed() =>
        Assert.Equal(TurnDropReason.ConversationClosed, Decide(State(status: ConversationStatus.Closed, owner: ConversationOwner.Human)).Reason);

    [Fact]
    public void Drops_a_redelivered_job_the_ai_already_answered() =>
        Assert.Equal(TurnDropReason.AlreadyAnswered, Decide(State(ai: T0.AddSeconds(6))).Reason);

    [Fact]
    public void An_ai_reply_to_an_earlier_burst_does_not_block_this_one() =>
        Assert.True(Decide(State(ai: T0.AddMinutes(-2))).ShouldSend);
}
