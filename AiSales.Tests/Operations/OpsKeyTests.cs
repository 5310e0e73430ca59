using System.Net;
using AiSales.Tests.Ingest;

namespace AiSales.Tests.Operations;

public sealed class OpsKeyTests(OpsApiFixture fixture) : IClassFixture<OpsApiFixture>
{
    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "/api/queue/stats" },
        { "GET", "/api/queue/health" },
        { "GET", "/api/queue/dead-letters?limit=5" },
        { "POST", $"/api/queue/dead-letters/{Guid.NewGuid()}/retry" },
        { "DELETE", $"/api/queue/dead-letters/{Guid.NewGuid()}" },
        { "POST", "/api/queue/retry-failed" },
        { "POST", "/api/queue/cleanup" },
        { "GET", "/api/config/validate" },
        { "GET", "/api/status" },
        { "GET", "/api/unroutable?limit=5" },
        { "POST", $"/api/unroutable/{Guid.NewGuid()}/resolve" },
        { "POST", "/api/tokens/reencrypt" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_ops_route_is_401_without_the_key_or_with_a_wrong_one(string method, string path)
    {
        using var http = fixture.App.CreateClient();

        using var none = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var wrong = new HttpRequestMessage(new HttpMethod(method), path);
        wrong.Headers.Add("X-Ops-Key", WebhooksAppFactory.OpsKey + "x");
        using var wrongAnswer = await http.SendAsync(wrong);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongAnswer.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task With_the_key_no_route_is_401_or_500(string method, string path)
    {
        using var http = fixture.Client();
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True((int)response.StatusCode < 500 || response.StatusCode == HttpStatusCode.ServiceUnavailable,
            $"{method} {path} answered {(int)response.StatusCode}");
    }
}
