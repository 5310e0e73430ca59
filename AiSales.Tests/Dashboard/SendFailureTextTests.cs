using System.Reflection;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending;
using AiSales.Core.Sending.Windows;
using AiSales.Dashboard.Localization;

namespace AiSales.Tests.Dashboard;

/// <summary>
/// Why an outbound message waits or failed, read from what the send pipeline stored (the status detail it writes, our
/// codes, the window planner's reasons, Meta's codes): the details are built with the pipeline's own helpers, so a
/// change in how it writes them fails here rather than quietly falling back to the raw English.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SendFailureTextTests
{
    public static TheoryData<MessageStatus, string?, string?, string?> Cases => new()
    {
        { MessageStatus.Queued, SendStatusDetail.RateLimited, null, "send.why.rate_limited" },
        { MessageStatus.Queued, SendStatusDetail.WaitingReconnect, "190", "send.why.reconnect" },
        { MessageStatus.Queued, SendStatusDetail.RetriedByOperator, null, "send.why.retried_by_operator" },
        { MessageStatus.Queued, SendStatusDetail.Retrying("(#2) Service temporarily unavailable"), "2", "send.why.retrying" },
        { MessageStatus.Failed, SendStatusDetail.GaveUp(5, "(#2) Service temporarily unavailable"), "2", "send.why.gave_up" },
        { MessageStatus.Failed, SendStatusDetail.DeadLettered(3), SendErrorCodes.DeadLettered, "send.why.dead_lettered" },
        { MessageStatus.Failed, SendStatusDetail.UnknownGaveUp, SendErrorCodes.OutcomeUnknown, "send.why.outcome_unknown" },
        { MessageStatus.Failed, SendStatusDetail.OutsideWindow(WindowBlockReason.TemplateRequired), WindowBlockReason.TemplateRequired, "send.why.template_required" },
        // The platform's refusal (Meta's code, not the planner's reason) is still a closed window by its stored class.
        { MessageStatus.Failed, SendStatusDetail.OutsideWindow("(#10) This message is sent outside of allowed window."), "10/2018278", "send.why.window_closed" },
        { MessageStatus.Failed, SendStatusDetail.OutsideWindow("(#10) outside allowed window"), "10/2534022", "send.why.window_closed" },
        { MessageStatus.Failed, "failed: (#551) This person isn't available right now.", "551/1545041", "send.why.unavailable" },
        { MessageStatus.Failed, "failed: Re-engagement message", "131047", "send.why.template_required" },
        // Unknown classes: the page shows what was stored.
        { MessageStatus.Failed, "failed: (#100) Invalid parameter", "100", null },
        { MessageStatus.Queued, SendStatusDetail.Sending, null, null },
        { MessageStatus.Sent, SendStatusDetail.SentHumanAgent, null, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_stored_failure_class_has_its_explanation(MessageStatus status, string? detail, string? code, string? expected)
    {
        var message = new Message { Direction = MessageDirection.Outbound, Status = status, StatusDetail = detail, ErrorCode = code, ErrorMessage = "raw" };

        Assert.Equal(expected, SendFailureText.KeyFor(message));
    }

    [Fact]
    public void Every_window_reason_and_every_explanation_reads_in_arabic_and_english()
    {
        var reasons = typeof(WindowBlockReason).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();
        var keys = reasons.Select(SendFailureText.KeyForCode)
            .Concat(Cases.Select(c => (string?)c[3]))
            .OfType<string>().Distinct().ToList();

        Assert.All(reasons, r => Assert.NotNull(SendFailureText.KeyForCode(r)));
        Assert.All(keys.Append("send.details"), key =>
        {
            var (ar, en) = (UiText.Get(key, arabic: true), UiText.Get(key, arabic: false));
            Assert.NotEqual(key, ar);
            Assert.NotEqual(key, en);
            Assert.NotEqual(ar, en);
        });
    }

    [Fact]
    public void The_raw_text_is_the_error_message_else_the_status_detail()
    {
        Assert.Equal("(#551) This person isn't available right now.",
            SendFailureText.RawText(new Message { StatusDetail = "failed: x", ErrorMessage = "(#551) This person isn't available right now." }));
        Assert.Equal(SendStatusDetail.RateLimited, SendFailureText.RawText(new Message { StatusDetail = SendStatusDetail.RateLimited }));
    }
}
