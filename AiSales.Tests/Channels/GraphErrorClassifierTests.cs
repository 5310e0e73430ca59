using System.Net;
using System.Net.Http.Headers;
using AiSales.Core.Sending.Transports;
using AiSales.Tests.Fakes;

namespace AiSales.Tests.Channels;

/// <summary>Every Graph error fixture in fixtures/meta/responses maps to the outcome FACTS.md §6 prescribes.</summary>
[Trait("Category", "Unit")]
public class GraphErrorClassifierTests
{
    // file → (HTTP status Meta sends it with, expected outcome)
    public static readonly Dictionary<string, (int Status, SendOutcome Outcome)> Expected = new()
    {
        ["graph_error_100_33_object_not_found_bindambc.json"] = (400, SendOutcome.Failed),
        ["graph_error_190_463_token_expired_metadocs.json"] = (400, SendOutcome.WaitForReconnect),
        ["graph_error_190_example_metadocs.json"] = (401, SendOutcome.WaitForReconnect),
        ["graph_error_4_app_request_limit_real.json"] = (400, SendOutcome.RetryLater),
        ["messenger_error_100_2018047_upload_failure_real.json"] = (400, SendOutcome.Failed),
        ["messenger_error_10_2018278_outside_window_real.json"] = (400, SendOutcome.OutsideWindow),
        ["messenger_error_200_1545041_localized_real.json"] = (400, SendOutcome.Failed),
        ["messenger_error_551_1545041_unavailable_real.json"] = (400, SendOutcome.Failed),
        ["whatsapp_error_130429_rate_limit_bindambc.json"] = (400, SendOutcome.RetryLater),
        ["whatsapp_error_132000_template_param_mismatch_wedding.json"] = (400, SendOutcome.Failed),
    };

    public static TheoryData<string> ErrorFixtures() => [.. Expected.Keys];

    [Fact]
    public void Every_graph_error_fixture_has_an_expected_outcome()
    {
        var files = Directory.GetFiles(FakeFixtures.ResponsesDirectory, "*error*.json")
            .Select(Path.GetFileName)
            .Where(f => !f!.StartsWith("manychat_", StringComparison.Ordinal))
            .ToArray();
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.True(Expected.ContainsKey(f!), $"{f} has no expected classification"));
    }

    [Theory]
    [MemberData(nameof(ErrorFixtures))]
    public void Error_fixture_is_classified(string file)
    {
        var (status, outcome) = Expected[file];
        var body = FakeFixtures.Response(file);
        var error = GraphError.TryParse(body)!;

        var result = GraphErrorClassifier.Classify((HttpStatusCode)status, body);

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(error.Code, result.ErrorCode);
        Assert.Equal(error.Subcode, result.ErrorSubcode);
        Assert.False(string.IsNullOrWhiteSpace(result.ErrorMessage));
        Assert.False(result.OutcomeUnknown);
        if (outcome == SendOutcome.RetryLater) Assert.True(result.RetryAfter > TimeSpan.Zero);
    }

    [Theory]
    [InlineData(4, 60)]
    [InlineData(17, 60)]
    [InlineData(32, 60)]
    [InlineData(613, 60)]
    [InlineData(80002, 60)]
    [InlineData(80007, 60)]
    [InlineData(130429, 2)]
    [InlineData(131056, 6)]
    public void Rate_limit_codes_retry_later_with_a_default_wait(int code, int seconds)
    {
        var result = GraphErrorClassifier.Classify(HttpStatusCode.BadRequest, Envelope(code));

        Assert.Equal(SendOutcome.RetryLater, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(seconds), result.RetryAfter);
    }

    [Fact]
    public void Retry_after_header_wins_over_the_default_wait()
    {
        var delta = GraphErrorClassifier.Classify(HttpStatusCode.TooManyRequests, Envelope(613), new RetryConditionHeaderValue(TimeSpan.FromSeconds(17)));
        var now = DateTimeOffset.UtcNow;
        var date = GraphErrorClassifier.Classify(HttpStatusCode.TooManyRequests, Envelope(130429), new RetryConditionHeaderValue(now.AddSeconds(40)), now);

        Assert.Equal(TimeSpan.FromSeconds(17), delta.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(40), date.RetryAfter);
    }

    [Theory]
    [InlineData(10, 2534022, SendOutcome.OutsideWindow)]
    [InlineData(131047, null, SendOutcome.OutsideWindow)]
    [InlineData(190, 460, SendOutcome.WaitForReconnect)]
    [InlineData(190, null, SendOutcome.WaitForReconnect)]
    [InlineData(2, null, SendOutcome.RetryLater)]
    [InlineData(131026, null, SendOutcome.Failed)]
    [InlineData(200, null, SendOutcome.Failed)]
    [InlineData(10, null, SendOutcome.Failed)]
    [InlineData(100, null, SendOutcome.Failed)]
    public void Codes_without_fixtures_follow_the_table(int code, int? subcode, SendOutcome expected) =>
        Assert.Equal(expected, GraphErrorClassifier.Classify(HttpStatusCode.BadRequest, Envelope(code, subcode)).Outcome);

    [Fact]
    public void Is_transient_and_5xx_retry_but_unknown_4xx_fails()
    {
        Assert.Equal(SendOutcome.RetryLater, GraphErrorClassifier.Classify(HttpStatusCode.BadRequest, Envelope(9999, transient: true)).Outcome);
        Assert.Equal(SendOutcome.RetryLater, GraphErrorClassifier.Classify(HttpStatusCode.InternalServerError, Envelope(9999)).Outcome);
        Assert.Equal(SendOutcome.RetryLater, GraphErrorClassifier.Classify(HttpStatusCode.BadGateway, "<html>bad gateway</html>").Outcome);
        Assert.Equal(SendOutcome.RetryLater, GraphErrorClassifier.Classify(HttpStatusCode.TooManyRequests, "").Outcome);
        Assert.Equal(SendOutcome.Failed, GraphErrorClassifier.Classify(HttpStatusCode.BadRequest, Envelope(9999)).Outcome);
        Assert.Equal(SendOutcome.Failed, GraphErrorClassifier.Classify(HttpStatusCode.NotFound, "not json").Outcome);
    }

    private static string Envelope(int code, int? subcode = null, bool transient = false) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            error = new { message = $"(#{code}) test", type = "OAuthException", code, error_subcode = subcode, is_transient = transient, fbtrace_id = "T" },
        });
}
