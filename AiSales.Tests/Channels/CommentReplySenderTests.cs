using AiSales.Core.Channels.Sending;
using AiSales.Core.Inbound;
using AiSales.Tests.Fakes;

namespace AiSales.Tests.Channels;

/// <summary>Public replies under a comment, through the same adapters and error classification as the Send API.</summary>
public class CommentReplySenderTests : IAsyncLifetime
{
    private const string Token = "EAAG-comment-token-xyz789";
    private ChannelTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ChannelTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static OutboundSend Reply(MetaPlatform platform, string commentId, string? text = "متوفر، راسلنا خاص", ChannelProvider provider = ChannelProvider.Meta) =>
        new(platform, provider, "17841400000000001", commentId, text, $"send-{Guid.NewGuid():N}", MessagingType.CommentReply, RecipientKind.Comment);

    [Fact]
    public async Task Instagram_login_reply_posts_message_to_the_comment_replies_edge_on_the_instagram_host()
    {
        var result = await _host.Registry.SendAsync(Reply(MetaPlatform.Instagram, "17858893269000001"), new ChannelCredentials(Token, TokenFlavour.InstagramLogin), default);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Empty(_host.Graph.Requests);
        var request = Assert.Single(_host.InstagramGraph.Requests);
        Assert.Equal("/v24.0/17858893269000001/replies", request.Path);
        Assert.Equal("", request.Query);
        Assert.Equal(Token, request.BearerToken);
        Assert.Equal("متوفر، راسلنا خاص", request.Json!.Value.GetProperty("message").GetString());
        Assert.False(request.Json!.Value.TryGetProperty("recipient", out _));
        Assert.Equal("17858893269000001_reply1", result.ExternalMessageId);
    }

    [Fact]
    public async Task Instagram_page_token_reply_goes_to_graph_facebook()
    {
        var result = await _host.Registry.SendAsync(Reply(MetaPlatform.Instagram, "17858893269000002"), new ChannelCredentials(Token, TokenFlavour.PageToken, SendAsId: "998877"), default);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Empty(_host.InstagramGraph.Requests);
        Assert.Equal("/v24.0/17858893269000002/replies", Assert.Single(_host.Graph.Requests).Path);
    }

    [Fact]
    public async Task Facebook_page_reply_posts_to_the_comment_comments_edge()
    {
        var result = await _host.Registry.SendAsync(Reply(MetaPlatform.Messenger, "1122_3344"), new ChannelCredentials(Token), default);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        var request = Assert.Single(_host.Graph.Requests);
        Assert.Equal("/v24.0/1122_3344/comments", request.Path);
        Assert.Equal("متوفر، راسلنا خاص", request.Json!.Value.GetProperty("message").GetString());
        Assert.Equal("1122_3344_reply1", result.ExternalMessageId);
    }

    [Fact]
    public async Task Graph_errors_on_comment_replies_are_classified_like_sends_and_the_token_never_leaks()
    {
        // Comment deleted (or no permission): 100/33 → permanent.
        _host.Graph.FailNext(1, FakeFault.FromFixture("graph_error_100_33_object_not_found_bindambc.json", 400));
        var gone = await _host.Registry.SendAsync(Reply(MetaPlatform.Messenger, "1122_3345"), new ChannelCredentials(Token), default);
        Assert.Equal(SendOutcome.Failed, gone.Outcome);
        Assert.Equal(100, gone.ErrorCode);
        Assert.Equal(33, gone.ErrorSubcode);

        // Throttled: retry later with the platform's Retry-After.
        _host.Graph.FailNext(1, FakeFault.FromFixture("graph_error_4_app_request_limit_real.json", 400, new Dictionary<string, string> { ["Retry-After"] = "9" }));
        var throttled = await _host.Registry.SendAsync(Reply(MetaPlatform.Messenger, "1122_3346"), new ChannelCredentials(Token), default);
        Assert.Equal(SendOutcome.RetryLater, throttled.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(9), throttled.RetryAfter);

        // Expired token (190): the channel needs a reconnect.
        var expired = await _host.Registry.SendAsync(Reply(MetaPlatform.Messenger, "1122_3347"), new ChannelCredentials(FakeGraphApi.ExpiredToken), default);
        Assert.Equal(SendOutcome.WaitForReconnect, expired.Outcome);
        Assert.Equal(190, expired.ErrorCode);

        Assert.NotEmpty(_host.Logs.Lines);
        Assert.All(_host.Logs.Lines, l => Assert.DoesNotContain(Token, l));
    }

    [Theory]
    [InlineData("whatsapp", "meta")]
    [InlineData("instagram", "manychat")]
    public async Task Channels_without_comment_replies_refuse_without_a_call(string platform, string provider)
    {
        var send = Reply(platform == "whatsapp" ? MetaPlatform.WhatsApp : MetaPlatform.Instagram, "17858893269000009",
            provider: provider == "manychat" ? ChannelProvider.ManyChat : ChannelProvider.Meta);
        var result = await _host.Registry.SendAsync(send, new ChannelCredentials(Token), default);

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Empty(_host.Graph.Requests);
        Assert.Empty(_host.ManyChat.Requests);
    }

    [Fact]
    public async Task A_reply_without_text_or_with_an_attachment_is_refused_without_a_call()
    {
        var empty = await _host.Registry.SendAsync(Reply(MetaPlatform.Instagram, "1785", text: " "), new ChannelCredentials(Token), default);
        var withImage = await _host.Registry.SendAsync(Reply(MetaPlatform.Instagram, "1785") with { AttachmentUrl = "https://example.com/a.jpg" }, new ChannelCredentials(Token), default);

        Assert.Equal(SendOutcome.Failed, empty.Outcome);
        Assert.Equal(SendOutcome.Failed, withImage.Outcome);
        Assert.Empty(_host.Graph.Requests);
        Assert.Empty(_host.InstagramGraph.Requests);
    }
}
