using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending.Transports;
using AiSales.Tests.Fakes;

namespace AiSales.Tests.Channels;

/// <summary>
/// What the adapter tests share: a fresh <see cref="ChannelTestHost"/> per test, one token, one way to build a send,
/// and the two assertions every adapter test makes — "sent as one request to this path" and "refused without a call".
/// </summary>
public abstract class ChannelSenderTestBase : IAsyncLifetime
{
    protected const string Token = "EAAG-test-token-abc123";

    protected ChannelTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ChannelTestHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();

    protected static SendRequest Send(ChannelPlatform platform, string account, string recipient, string? text = "مرحبا", MessagingType type = MessagingType.Response,
        ChannelProvider provider = ChannelProvider.Meta) =>
        new(platform, provider, account, recipient, text, $"send-{Guid.NewGuid():N}", type);

    /// <summary>Sends through the registry, with <see cref="Token"/> (Page-token flavour) unless other credentials are given.</summary>
    protected Task<SendResult> SendAsync(SendRequest send, ChannelCredentials? creds = null) =>
        Host.Registry.SendAsync(send, creds ?? new ChannelCredentials(Token), default);

    /// <summary>
    /// The send succeeded as exactly one JSON POST, on <paramref name="api"/> and no other fake, to <paramref name="path"/>,
    /// with <see cref="Token"/> as the Bearer token and never in the query string.
    /// </summary>
    protected RecordedRequest AssertSentOnce(SendResult result, FakeHttpService api, string path)
    {
        Assert.Equal(SendOutcome.Sent, result.Outcome);
        var request = Assert.Single(api.Requests);
        Assert.Equal(1, Host.Graph.Requests.Count + Host.InstagramGraph.Requests.Count + Host.ManyChat.Requests.Count);
        Assert.Equal("POST", request.Method);
        Assert.Equal(path, request.Path);
        Assert.Equal("", request.Query); // never ?access_token=
        Assert.Equal(Token, request.BearerToken);
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        return request;
    }

    /// <summary>Every send failed without any HTTP call reaching a fake.</summary>
    protected void AssertRefusedWithoutACall(params SendResult[] results)
    {
        Assert.All(results, r => Assert.Equal(SendOutcome.Failed, r.Outcome));
        Assert.Empty(Host.Graph.Requests);
        Assert.Empty(Host.InstagramGraph.Requests);
        Assert.Empty(Host.ManyChat.Requests);
    }
}
