using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending.Transports;
using AiSales.Tests.Fakes;

namespace AiSales.Tests.Channels;

/// <summary>Public replies under a comment, through the same adapters and error classification as the Send API.</summary>
public class CommentReplySenderTests : ChannelSenderTestBase
{
    private static SendRequest Reply(ChannelPlatform platform, string commentId, string? text = "متوفر، راسلنا خاص", ChannelProvider provider = ChannelProvider.Meta) =>
        Send(platform, "17841400000000001", commentId, text, MessagingType.CommentReply, provider) with { RecipientKind = RecipientKind.Comment };

    [Fact]
    public async Task Instagram_login_reply_posts_message_to_the_comment_replies_edge_on_the_instagram_host()
    {
        var result = await SendAsync(Reply(ChannelPlatform.Instagram, "17858893269000001"), new ChannelCredentials(Token, TokenFlavour.InstagramLogin));

        var request = AssertSentOnce(result, Host.InstagramGraph, "/v24.0/17858893269000001/replies");
        Assert.Equal("متوفر، راسلنا خاص", request.Json!.Value.GetProperty("message").GetString());
        Assert.False(request.Json!.Value.TryGetProperty("recipient", out _));
        Assert.Equal("17858893269000001_reply1", result.ExternalMessageId);
    }

    [Fact]
    public async Task Instagram_page_token_reply_goes_to_graph_facebook()
    {
        var result = await SendAsync(Reply(ChannelPlatform.Instagram, "17858893269000002"), new ChannelCredentials(Token, TokenFlavour.PageToken, SendAsId: "998877"));

        AssertSentOnce(result, Host.Graph, "/v24.0/17858893269000002/replies");
    }

    [Fact]
    public async Task Facebook_page_reply_posts_to_the_comment_comments_edge()
    {
        var result = await SendAsync(Reply(ChannelPlatform.Messenger, "1122_3344"));

        var request = AssertSentOnce(result, Host.Graph, "/v24.0/1122_3344/comments");
        Assert.Equal("متوفر، راسلنا خاص", request.Json!.Value.GetProperty("message").GetString());
        Assert.Equal("1122_3344_reply1", result.ExternalMessageId);
    }

    [Fact]
    public async Task Graph_errors_on_comment_replies_are_classified_like_sends_and_the_token_never_leaks()
    {
        // Comment deleted (or no permission): 100/33 → permanent.
        Host.Graph.FailNext(1, FakeFault.FromFixture("graph_error_100_33_object_not_found_bindambc.json", 400));
        var gone = await SendAsync(Reply(ChannelPlatform.Messenger, "1122_3345"));
        Assert.Equal(SendOutcome.Failed, gone.Outcome);
        Assert.Equal(100, gone.ErrorCode);
        Assert.Equal(33, gone.ErrorSubcode);

        // Throttled: retry later with the platform's Retry-After.
        Host.Graph.FailNext(1, FakeFault.FromFixture("graph_error_4_app_request_limit_real.json", 400, new Dictionary<string, string> { ["Retry-After"] = "9" }));
        var throttled = await SendAsync(Reply(ChannelPlatform.Messenger, "1122_3346"));
        Assert.Equal(SendOutcome.RetryLater, throttled.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(9), throttled.RetryAfter);

        // Expired token (190): the channel needs a reconnect.
        var expired = await SendAsync(Reply(ChannelPlatform.Messenger, "1122_3347"), new ChannelCredentials(FakeGraphApi.ExpiredToken));
        Assert.Equal(SendOutcome.WaitForReconnect, expired.Outcome);
        Assert.Equal(190, expired.ErrorCode);

        Assert.NotEmpty(Host.Logs.Lines);
        Assert.All(Host.Logs.Lines, l => Assert.DoesNotContain(Token, l));
    }

    [Theory]
    [InlineData("whatsapp", "meta")]
    [InlineData("instagram", "manychat")]
    public async Task Channels_without_comment_replies_refuse_without_a_call(string platform, string provider)
    {
        var send = Reply(platform == "whatsapp" ? ChannelPlatform.WhatsApp : ChannelPlatform.Instagram, "17858893269000009",
            provider: provider == "manychat" ? ChannelProvider.ManyChat : ChannelProvider.Meta);
        var result = await SendAsync(send);

        AssertRefusedWithoutACall(result);
    }

    [Fact]
    public async Task A_reply_without_text_or_with_an_attachment_is_refused_without_a_call()
    {
        var empty = await SendAsync(Reply(ChannelPlatform.Instagram, "1785", text: " "));
        var withImage = await SendAsync(Reply(ChannelPlatform.Instagram, "1785") with { AttachmentUrl = "https://example.com/a.jpg" });

        AssertRefusedWithoutACall(empty, withImage);
    }
}
