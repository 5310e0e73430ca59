using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending.Windows;

namespace AiSales.Tests.Sending;

[Trait("Category", "Unit")]
public sealed class WindowPlannerTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly WindowPlanner _planner = new();

    private WindowDecision Plan(ChannelPlatform platform, SendAuthor author, TimeSpan sinceCustomer, bool template = false) =>
        _planner.Plan(new WindowRequest(platform, author, Now - sinceCustomer, Now, IsTemplate: template));

    [Theory]
    [InlineData(ChannelPlatform.Instagram)]
    [InlineData(ChannelPlatform.Messenger)]
    [InlineData(ChannelPlatform.WhatsApp)]
    public void Ai_reply_at_23h59_is_a_plain_response(ChannelPlatform platform)
    {
        var decision = Plan(platform, SendAuthor.Ai, TimeSpan.FromHours(23) + TimeSpan.FromMinutes(59));
        Assert.Equal(new WindowAllowed(MessagingType.Response), decision);
    }

    [Theory]
    [InlineData(ChannelPlatform.Instagram)]
    [InlineData(ChannelPlatform.Messenger)]
    public void Ai_reply_at_24h01_is_blocked_and_points_to_a_human_agent_reply(ChannelPlatform platform)
    {
        var decision = Assert.IsType<WindowBlocked>(Plan(platform, SendAuthor.Ai, TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1)));
        Assert.Equal(WindowBlockReason.WindowClosed, decision.Reason);
        Assert.Equal(WindowAlternative.HumanAgentReply, decision.Alternative);
        Assert.Equal(Now - TimeSpan.FromHours(24) - TimeSpan.FromMinutes(1) + TimeSpan.FromDays(7), decision.AlternativeUntil);
        Assert.Contains("24", decision.ExplanationEn);
        Assert.Contains("24", decision.ExplanationAr);
    }

    [Fact]
    public void Exactly_24h_is_already_closed()
    {
        Assert.False(Plan(ChannelPlatform.Instagram, SendAuthor.Ai, TimeSpan.FromHours(24)).IsAllowed);
    }

    [Theory]
    [InlineData(ChannelPlatform.Instagram)]
    [InlineData(ChannelPlatform.Messenger)]
    public void Human_after_6_days_uses_the_HUMAN_AGENT_tag(ChannelPlatform platform)
    {
        Assert.Equal(new WindowAllowed(MessagingType.HumanAgent, "HUMAN_AGENT"), Plan(platform, SendAuthor.Human, TimeSpan.FromDays(6)));
    }

    [Fact]
    public void Human_within_24h_sends_a_plain_response_not_a_tag()
    {
        Assert.Equal(new WindowAllowed(MessagingType.Response), Plan(ChannelPlatform.Messenger, SendAuthor.Human, TimeSpan.FromHours(2)));
    }

    [Theory]
    [InlineData(SendAuthor.Human)]
    [InlineData(SendAuthor.Ai)]
    public void Anyone_after_8_days_is_blocked_until_the_customer_writes(SendAuthor author)
    {
        var decision = Assert.IsType<WindowBlocked>(Plan(ChannelPlatform.Instagram, author, TimeSpan.FromDays(8)));
        Assert.Equal(WindowBlockReason.HumanAgentWindowClosed, decision.Reason);
        Assert.Equal(WindowAlternative.WaitForCustomer, decision.Alternative);
    }

    [Fact]
    public void WhatsApp_after_25h_blocks_the_ai_and_offers_a_human_template()
    {
        var ai = Assert.IsType<WindowBlocked>(Plan(ChannelPlatform.WhatsApp, SendAuthor.Ai, TimeSpan.FromHours(25)));
        Assert.Equal(WindowBlockReason.TemplateRequired, ai.Reason);
        Assert.Equal(WindowAlternative.HumanTemplate, ai.Alternative);

        var humanFreeText = Assert.IsType<WindowBlocked>(Plan(ChannelPlatform.WhatsApp, SendAuthor.Human, TimeSpan.FromHours(25)));
        Assert.Equal(WindowBlockReason.TemplateRequired, humanFreeText.Reason);

        Assert.Equal(new WindowAllowed(MessagingType.Template), Plan(ChannelPlatform.WhatsApp, SendAuthor.Human, TimeSpan.FromHours(25), template: true));
        Assert.Equal(WindowBlockReason.AiCannotUseTemplates,
            Assert.IsType<WindowBlocked>(Plan(ChannelPlatform.WhatsApp, SendAuthor.Ai, TimeSpan.FromHours(25), template: true)).Reason);
    }

    [Fact]
    public void WhatsApp_has_no_human_agent_tag()
    {
        Assert.False(Plan(ChannelPlatform.WhatsApp, SendAuthor.Human, TimeSpan.FromDays(2)).IsAllowed);
    }

    [Fact]
    public void Comment_private_reply_is_allowed_once_within_7_days()
    {
        WindowDecision Reply(TimeSpan age, bool alreadySent) => _planner.Plan(new WindowRequest(
            ChannelPlatform.Instagram, SendAuthor.Ai, null, Now, CommentId: "17890000000000000",
            CommentCreatedAt: Now - age, PrivateReplyAlreadySent: alreadySent));

        Assert.Equal(new WindowAllowed(MessagingType.PrivateReply), Reply(TimeSpan.FromDays(6), false));
        Assert.Equal(WindowBlockReason.PrivateReplyAlreadySent, Assert.IsType<WindowBlocked>(Reply(TimeSpan.FromHours(1), true)).Reason);
        Assert.Equal(WindowBlockReason.PrivateReplyExpired, Assert.IsType<WindowBlocked>(Reply(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1), false)).Reason);
    }

    [Fact]
    public void Private_reply_limit_is_strict_at_exactly_7_days_and_counts_from_the_comment_not_the_last_dm()
    {
        // The customer wrote a DM an hour ago, but the comment is exactly 7 days old: closed (strict boundary).
        var decision = _planner.Plan(new WindowRequest(ChannelPlatform.Messenger, SendAuthor.Human, Now - TimeSpan.FromHours(1), Now,
            CommentId: "1_2", CommentCreatedAt: Now - TimeSpan.FromDays(7)));
        Assert.Equal(WindowBlockReason.PrivateReplyExpired, Assert.IsType<WindowBlocked>(decision).Reason);
        // A second private reply is refused whoever writes it, with an explanation for the composer.
        var second = Assert.IsType<WindowBlocked>(_planner.Plan(new WindowRequest(ChannelPlatform.Instagram, SendAuthor.Human, Now, Now,
            CommentId: "1_2", CommentCreatedAt: Now - TimeSpan.FromMinutes(5), PrivateReplyAlreadySent: true)));
        Assert.Equal(WindowBlockReason.PrivateReplyAlreadySent, second.Reason);
        Assert.Equal(WindowAlternative.DirectMessage, second.Alternative);
        Assert.Contains("only one", second.ExplanationEn);
    }

    [Theory]
    [InlineData(ChannelPlatform.Instagram)]
    [InlineData(ChannelPlatform.Messenger)]
    public void Public_comment_reply_has_no_messaging_window(ChannelPlatform platform)
    {
        // 30 days since the customer's last message and no DM at all: a public reply under the comment is still allowed.
        Assert.Equal(new WindowAllowed(MessagingType.Response), _planner.Plan(new WindowRequest(platform, SendAuthor.Human, Now - TimeSpan.FromDays(30), Now,
            CommentId: "c1", IsPublicCommentReply: true)));
        Assert.Equal(new WindowAllowed(MessagingType.Response), _planner.Plan(new WindowRequest(platform, SendAuthor.Human, null, Now, IsPublicCommentReply: true)));
    }

    [Fact]
    public void WhatsApp_has_no_public_comment_replies()
    {
        var decision = _planner.Plan(new WindowRequest(ChannelPlatform.WhatsApp, SendAuthor.Human, Now, Now, IsPublicCommentReply: true));
        Assert.Equal(WindowBlockReason.CommentReplyUnsupported, Assert.IsType<WindowBlocked>(decision).Reason);
    }

    [Fact]
    public void No_customer_message_means_nothing_can_be_sent()
    {
        var decision = Assert.IsType<WindowBlocked>(_planner.Plan(new WindowRequest(ChannelPlatform.Messenger, SendAuthor.Human, null, Now)));
        Assert.Equal(WindowBlockReason.NoCustomerMessage, decision.Reason);
    }
}
