using System.Net;
using System.Net.Http.Headers;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending.Transports;
using AiSales.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Channels;

/// <summary>
/// What the HTTP layer retries on the channel clients, through the services' real registration (AddServiceDefaults,
/// then AddChannelSenders): a send is never resent once its request may have reached the platform (its retry is the
/// ledger's, one call per job attempt); a read is retried like any idempotent call. The timeout case is
/// <see cref="SendFailureTests.Timeout_after_the_request_left_is_retry_later_unknown_and_is_not_resent"/>.
/// </summary>
public class SendRetryTests
{
    private const string Token = "EAAGsecretTOKEN0123456789";
    private const string Unavailable = """{"error":{"message":"Service temporarily unavailable","type":"OAuthException","code":2,"is_transient":true,"fbtrace_id":"U"}}""";

    private static SendRequest Send(ChannelProvider provider = ChannelProvider.Meta) =>
        new(ChannelPlatform.Messenger, provider, "1122", "3344", "hello", $"send-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_503_on_a_Graph_send_is_one_call_per_attempt()
    {
        await using var host = await ChannelTestHost.StartAsync();
        host.Graph.FailNext(10, new FakeFault(503, Unavailable));

        // Two attempts, as two runs of the send job would make them.
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var result = await host.Registry.SendAsync(Send(), new ChannelCredentials(Token), default);

            Assert.Equal(SendOutcome.RetryLater, result.Outcome);
            Assert.False(result.OutcomeUnknown);
            Assert.Equal(attempt, host.Graph.Requests.Count);
        }
    }

    [Fact]
    public async Task A_503_on_a_ManyChat_send_is_one_call()
    {
        await using var host = await ChannelTestHost.StartAsync();
        host.ManyChat.FailNext(10, new FakeFault(503, """{"status":"error","message":"Service Unavailable"}"""));

        var result = await host.Registry.SendAsync(Send(ChannelProvider.ManyChat), new ChannelCredentials("mc:key"), default);

        Assert.Equal(SendOutcome.RetryLater, result.Outcome);
        Assert.Single(host.ManyChat.Requests);
    }

    [Fact]
    public async Task A_read_answered_503_then_200_is_retried_and_succeeds()
    {
        await using var host = await ChannelTestHost.StartAsync();
        host.Graph.FailNext(1, new FakeFault(503, Unavailable));
        var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(ChannelHttpClients.Graph);
        using var request = new HttpRequestMessage(HttpMethod.Get, "v24.0/3344");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Fake Profile", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, host.Graph.Requests.Count);
        Assert.All(host.Graph.Requests, r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public void Only_failures_before_the_request_left_are_retried_for_a_send()
    {
        var refused = Polly.Outcome.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        var dropped = Polly.Outcome.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ResponseEnded, "ended"));
        var timedOut = Polly.Outcome.FromException<HttpResponseMessage>(new Polly.Timeout.TimeoutRejectedException());
        var unavailable = Polly.Outcome.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));

        Assert.True(SendRetryPolicy.ShouldRetry(refused, HttpMethod.Post));
        Assert.False(SendRetryPolicy.ShouldRetry(dropped, HttpMethod.Post));
        Assert.False(SendRetryPolicy.ShouldRetry(timedOut, HttpMethod.Post));
        Assert.False(SendRetryPolicy.ShouldRetry(unavailable, HttpMethod.Post));
        Assert.False(SendRetryPolicy.ShouldRetry(unavailable, method: null)); // unknown method: treated as a send
        Assert.True(SendRetryPolicy.ShouldRetry(dropped, HttpMethod.Get));
        Assert.True(SendRetryPolicy.ShouldRetry(timedOut, HttpMethod.Get));
        Assert.True(SendRetryPolicy.ShouldRetry(unavailable, HttpMethod.Get));
    }
}
