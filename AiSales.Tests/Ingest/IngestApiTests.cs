using System.Net;
using System.Text;
using AiSales.Core.Messaging;
using AiSales.Tests.Infrastructure;

namespace AiSales.Tests.Ingest;

public sealed class IngestApiTests : IAsyncLifetime
{
    private WebhooksAppFactory _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _app = await WebhooksAppFactory.StartAsync();
        _http = _app.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private static byte[] Fixture(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "meta", "payloads", name));

    private Task<long> Deliveries() => _app.ScalarAsync("SELECT count(*) FROM webhook_deliveries");

    [Theory]
    [InlineData("instagram")]
    [InlineData("messenger")]
    [InlineData("whatsapp")]
    public async Task Handshake_with_the_right_token_echoes_the_challenge(string platform)
    {
        var response = await _http.GetAsync($"/webhooks/{platform}?hub.mode=subscribe&hub.verify_token={WebhooksAppFactory.VerifyToken}&hub.challenge=1158201444");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1158201444", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1")]
    [InlineData("hub.mode=unsubscribe&hub.verify_token=verify-me-please&hub.challenge=1")]
    [InlineData("hub.mode=subscribe&hub.challenge=1")]
    [InlineData("hub.mode=subscribe&hub.verify_token=verify-me-please")]
    public async Task Handshake_otherwise_is_forbidden(string query)
    {
        var response = await _http.GetAsync($"/webhooks/instagram?{query}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_platform_is_not_found()
    {
        var response = await _http.SendAsync(WebhooksAppFactory.SignedPost("telegram", "{\"object\":\"page\",\"entry\":[]}"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Signed_delivery_is_stored_byte_for_byte_and_queued()
    {
        var body = Fixture("instagram_dm_text_real_raw_social_selling.json");

        var response = await _http.SendAsync(WebhooksAppFactory.SignedPost("instagram", body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var conn = new Npgsql.NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT platform, object, body, headers->>'X-Hub-Signature-256' FROM webhook_deliveries", conn);
        await using var row = await cmd.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        Assert.Equal("instagram", row.GetString(0));
        Assert.Equal("instagram", row.GetString(1));
        Assert.Equal(body, row.GetFieldValue<byte[]>(2));
        Assert.StartsWith("sha256=", row.GetString(3));
        Assert.False(await row.ReadAsync());
        await row.DisposeAsync();
        // Its job waits in the inbound queue (sent there once the outbox flushed after the commit).
        await Eventually.UntilAsync(async () => await QueueWork.QueuedAsync(_app.Services, typeof(ProcessWebhookDelivery)) == 1,
            "the delivery's job in the inbound queue");
        Assert.Equal(1, await QueuedJobs());
        // And it is this delivery's job: a Worker processes it.
        await using var worker = await IngestWorker.StartAsync(_app.ConnectionString);
        await IngestWorker.WaitUntilAllProcessedAsync(_app.ConnectionString, TimeSpan.FromSeconds(60));
        Assert.Equal(1, await _app.ScalarAsync("SELECT count(*) FROM webhook_deliveries WHERE status = 'processed'"));
    }

    [Fact]
    public async Task Second_secret_in_the_rotation_list_is_accepted()
    {
        var response = await _http.SendAsync(WebhooksAppFactory.SignedPost("messenger",
            Fixture("messenger_text_quick_reply_metadocs.json"), WebhooksAppFactory.SecondSecret));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await Deliveries());
    }

    public static TheoryData<string, HttpStatusCode> Rejections => new()
    {
        { "missing-signature", HttpStatusCode.Unauthorized },
        { "wrong-secret", HttpStatusCode.Unauthorized },
        { "tampered-body", HttpStatusCode.Unauthorized },
        { "sha1-only", HttpStatusCode.Unauthorized },
        { "malformed-json", HttpStatusCode.BadRequest },
        { "truncated-json", HttpStatusCode.BadRequest },
        { "json-array", HttpStatusCode.BadRequest },
        { "wrong-object", HttpStatusCode.BadRequest },
        { "too-large", HttpStatusCode.RequestEntityTooLarge },
        { "text-plain", HttpStatusCode.UnsupportedMediaType },
        { "no-content-type", HttpStatusCode.UnsupportedMediaType },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task Bad_requests_get_a_clear_answer_and_write_nothing(string kind, HttpStatusCode expected)
    {
        var good = Fixture("whatsapp_image_bindambc.json");
        var request = kind switch
        {
            "missing-signature" => Unsigned("whatsapp", good),
            "wrong-secret" => WebhooksAppFactory.SignedPost("whatsapp", good, "not-the-secret"),
            "tampered-body" => Tampered(good),
            "sha1-only" => Sha1Only(good),
            "malformed-json" => WebhooksAppFactory.SignedPost("whatsapp", "{\"object\":\"whatsapp_business_account\",\"entry\":[}"),
            "truncated-json" => WebhooksAppFactory.SignedPost("whatsapp", good[..(good.Length / 2)]),
            "json-array" => WebhooksAppFactory.SignedPost("whatsapp", "[{\"object\":\"whatsapp_business_account\"}]"),
            "wrong-object" => WebhooksAppFactory.SignedPost("instagram", good),
            "too-large" => WebhooksAppFactory.SignedPost("whatsapp", Encoding.UTF8.GetBytes(
                "{\"object\":\"whatsapp_business_account\",\"pad\":\"" + new string('x', 70_000) + "\"}")),
            "text-plain" => WebhooksAppFactory.SignedPost("whatsapp", good, contentType: "text/plain"),
            "no-content-type" => NoContentType(good),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var response = await _http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync()); // never a stack trace
        Assert.Equal(0, await Deliveries());
        Assert.Equal(0, await QueuedJobs());
    }

    private static HttpRequestMessage Unsigned(string platform, byte[] body)
    {
        var r = WebhooksAppFactory.SignedPost(platform, body);
        r.Headers.Remove("X-Hub-Signature-256");
        return r;
    }

    private static HttpRequestMessage Tampered(byte[] body)
    {
        var r = WebhooksAppFactory.SignedPost("whatsapp", body);
        var copy = (byte[])body.Clone();
        var i = Array.IndexOf(copy, (byte)'1');
        copy[i] = (byte)'2';
        r.Content = new ByteArrayContent(copy);
        r.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return r;
    }

    private static HttpRequestMessage Sha1Only(byte[] body)
    {
        var r = Unsigned("whatsapp", body);
        var sha1 = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA1.HashData(Encoding.UTF8.GetBytes(WebhooksAppFactory.AppSecret), body));
        r.Headers.TryAddWithoutValidation("X-Hub-Signature", "sha1=" + sha1);
        return r;
    }

    private static HttpRequestMessage NoContentType(byte[] body)
    {
        var r = WebhooksAppFactory.SignedPost("whatsapp", body);
        r.Content = new ByteArrayContent(body);
        return r;
    }

    /// <summary>Every message Wolverine holds for this database (queued, scheduled or in flight).</summary>
    private Task<long> QueuedJobs() => QueueWork.PendingAsync(_app.Services);
}
