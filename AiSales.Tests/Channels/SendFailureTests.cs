using System.Net;
using System.Net.Sockets;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending.Transports;
using AiSales.Tests.Fakes;
using AiSales.Tests.Infrastructure;

namespace AiSales.Tests.Channels;

/// <summary>
/// Failure paths through the full HTTP stack (standard resilience handler included): nothing is sent
/// twice when the outcome is unknown, and the token never reaches logs, results or exceptions.
/// </summary>
public class SendFailureTests
{
    private const string Token = "EAAGsecretTOKEN0123456789";

    private static SendRequest Send(ChannelPlatform platform = ChannelPlatform.Messenger) =>
        new(platform, ChannelProvider.Meta, "1122", "3344", "hello", $"send-{Guid.NewGuid():N}");

    [Fact]
    public async Task Timeout_after_the_request_left_is_retry_later_unknown_and_is_not_resent()
    {
        await using var host = await ChannelTestHost.StartAsync(sendTimeout: TimeSpan.FromSeconds(1));
        host.Graph.FailNext(5, FakeFault.HangFor(TimeSpan.FromSeconds(20)));

        var result = await host.Registry.SendAsync(Send(), new ChannelCredentials(Token), default);

        Assert.Equal(SendOutcome.RetryLater, result.Outcome);
        Assert.True(result.OutcomeUnknown);
        // A resend by the resilience pipeline would have been made before SendAsync returned; once the fake has no request
        // open (the hung one ended when the client gave up), every request that reached it is recorded.
        await Eventually.UntilAsync(() => host.Graph.OpenRequests == 0, "the hung request to end");
        Assert.Single(host.Graph.Requests);
    }

    [Fact]
    public async Task Server_error_is_retry_later_and_not_resent_by_the_pipeline()
    {
        await using var host = await ChannelTestHost.StartAsync();
        host.Graph.FailNext(3, new FakeFault(500, """{"error":{"message":"An unexpected error has occurred.","type":"OAuthException","code":2,"is_transient":true,"fbtrace_id":"X"}}"""));

        var result = await host.Registry.SendAsync(Send(), new ChannelCredentials(Token), default);

        Assert.Equal(SendOutcome.RetryLater, result.Outcome);
        Assert.Equal(2, result.ErrorCode);
        Assert.False(result.OutcomeUnknown);
        Assert.Single(host.Graph.Requests);
    }

    [Fact]
    public async Task Rate_limit_with_retry_after_is_returned_to_the_caller_not_waited_out()
    {
        await using var host = await ChannelTestHost.StartAsync();
        host.Graph.FailNext(3, FakeFault.FromFixture("whatsapp_error_130429_rate_limit_bindambc.json", 429, new Dictionary<string, string> { ["Retry-After"] = "7" }));

        var result = await host.Registry.SendAsync(Send(ChannelPlatform.WhatsApp), new ChannelCredentials(Token), default);

        Assert.Equal(SendOutcome.RetryLater, result.Outcome);
        Assert.Equal(130429, result.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(7), result.RetryAfter);
        Assert.Single(host.Graph.Requests);
    }

    [Fact]
    public async Task Refused_connection_is_retry_later_with_a_known_outcome()
    {
        // A port that was free a moment ago: nothing listens, so the connection is refused before sending.
        var port = AiSales.Tests.Infrastructure.FreePort.Next();
        await using var host = await ChannelTestHost.StartAsync(graphBaseOverride: $"http://127.0.0.1:{port}");

        var result = await host.Registry.SendAsync(Send(), new ChannelCredentials(Token), default);

        Assert.Equal(SendOutcome.RetryLater, result.Outcome);
        Assert.False(result.OutcomeUnknown);
    }

    [Fact]
    public async Task Per_recipient_rule_hits_only_that_customer()
    {
        await using var host = await ChannelTestHost.StartAsync();
        const string pairLimit = """{"error":{"message":"(#131056) (Business Account, Consumer Account) pair rate limit hit","type":"OAuthException","code":131056,"fbtrace_id":"P"}}""";
        host.Graph.AddRule(r => r.Json?.GetProperty("to").GetString() == "+9647700000001" ? new FakeFault(400, pairLimit) : null);
        SendRequest To(string phone) => Send(ChannelPlatform.WhatsApp) with { Recipient = phone };

        var limited = await host.Registry.SendAsync(To("+9647700000001"), new ChannelCredentials(Token), default);
        var other = await host.Registry.SendAsync(To("+9647700000002"), new ChannelCredentials(Token), default);

        Assert.Equal(SendOutcome.RetryLater, limited.Outcome);
        Assert.Equal(131056, limited.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(6), limited.RetryAfter);
        Assert.Equal(SendOutcome.Sent, other.Outcome);
    }

    [Fact]
    public async Task ManyChat_timeout_is_unknown_and_not_resent()
    {
        await using var host = await ChannelTestHost.StartAsync(sendTimeout: TimeSpan.FromSeconds(1));
        host.ManyChat.FailNext(5, FakeFault.HangFor(TimeSpan.FromSeconds(20)));

        var result = await host.Registry.SendAsync(Send() with { Provider = ChannelProvider.ManyChat }, new ChannelCredentials("mc:key"), default);

        Assert.Equal(SendOutcome.RetryLater, result.Outcome);
        Assert.True(result.OutcomeUnknown);
        await Eventually.UntilAsync(() => host.ManyChat.OpenRequests == 0, "the hung request to end");
        Assert.Single(host.ManyChat.Requests);
    }

    [Fact]
    public async Task Caller_cancellation_propagates_instead_of_becoming_a_result()
    {
        await using var host = await ChannelTestHost.StartAsync();
        host.Graph.FailNext(1, FakeFault.HangFor(TimeSpan.FromSeconds(20)));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Registry.SendAsync(Send(), new ChannelCredentials(Token), cts.Token));
    }

    [Theory]
    [InlineData("graph_error_190_463_token_expired_metadocs.json", 400, SendOutcome.WaitForReconnect)]
    [InlineData("messenger_error_10_2018278_outside_window_real.json", 400, SendOutcome.OutsideWindow)]
    [InlineData("messenger_error_551_1545041_unavailable_real.json", 400, SendOutcome.Failed)]
    [InlineData("graph_error_4_app_request_limit_real.json", 400, SendOutcome.RetryLater)]
    public async Task Error_fixtures_through_the_adapter(string fixture, int status, SendOutcome expected)
    {
        await using var host = await ChannelTestHost.StartAsync();
        host.Graph.FailNext(1, FakeFault.FromFixture(fixture, status));

        var result = await host.Registry.SendAsync(Send(), new ChannelCredentials(Token), default);

        Assert.Equal(expected, result.Outcome);
        Assert.Single(host.Graph.Requests);
    }

    [Fact]
    public async Task Token_never_appears_in_logs_results_or_exceptions()
    {
        await using var host = await ChannelTestHost.StartAsync(sendTimeout: TimeSpan.FromSeconds(1));
        var creds = new ChannelCredentials(Token);
        var results = new List<SendResult>();

        // Success, an error that quotes the token back, a timeout, and ManyChat with the same key.
        results.Add(await host.Registry.SendAsync(Send(), creds, default));
        host.Graph.FailNext(1, new FakeFault(400, $$$"""{"error":{"message":"Malformed access token {{{Token}}}","type":"OAuthException","code":190,"fbtrace_id":"Z"}}"""));
        results.Add(await host.Registry.SendAsync(Send(), creds, default));
        host.Graph.FailNext(1, FakeFault.HangFor(TimeSpan.FromSeconds(10)));
        results.Add(await host.Registry.SendAsync(Send(), creds, default));
        host.ManyChat.FailNext(1, new FakeFault(401, $$"""{"status":"error","message":"Bad key {{Token}}"}"""));
        results.Add(await host.Registry.SendAsync(Send() with { Provider = ChannelProvider.ManyChat }, creds, default));

        Assert.Equal([SendOutcome.Sent, SendOutcome.WaitForReconnect, SendOutcome.RetryLater, SendOutcome.WaitForReconnect], results.Select(r => r.Outcome));
        Assert.Contains("***", results[1].ErrorMessage);
        Assert.All(results, r => Assert.DoesNotContain(Token, r.ToString()));
        Assert.DoesNotContain(Token, creds.ToString());
        Assert.NotEmpty(host.Logs.Lines);
        Assert.Contains(host.Logs.Lines, l => l.Contains("System.Net.Http.HttpClient", StringComparison.Ordinal)); // HttpClient's own logs were captured too
        Assert.All(host.Logs.Lines, l => Assert.DoesNotContain(Token, l));
    }
}
