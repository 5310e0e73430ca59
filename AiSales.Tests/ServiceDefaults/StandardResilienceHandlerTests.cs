using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace AiSales.Tests.ServiceDefaults;

public class StandardResilienceHandlerTests
{
    private static ServiceProvider Client(Uri baseAddress, Action<HttpStandardResilienceOptions> configure, out HttpClient client)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("fake", c => c.BaseAddress = baseAddress).AddStandardResilienceHandler(o =>
        {
            // Milliseconds instead of seconds so the tests stay fast; the behaviour under test is the same.
            o.Retry.Delay = TimeSpan.FromMilliseconds(10);
            o.Retry.UseJitter = false;
            configure(o);
        });
        var provider = services.BuildServiceProvider();
        client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("fake");
        return provider;
    }

    [Fact]
    public async Task Retries_a_503_and_returns_the_later_success()
    {
        var attempts = 0;
        await using var server = await LocalFakeServer.StartAsync(app => app.MapGet("/", () =>
            Interlocked.Increment(ref attempts) <= 2 ? Results.StatusCode(503) : Results.Text("ok")));
        await using var _ = Client(server.BaseAddress, _ => { }, out var client);

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Gives_up_after_the_configured_retries_and_returns_the_last_failure()
    {
        var attempts = 0;
        await using var server = await LocalFakeServer.StartAsync(app => app.MapGet("/", () =>
        {
            Interlocked.Increment(ref attempts);
            return Results.StatusCode(500);
        }));
        await using var _ = Client(server.BaseAddress, o => o.Retry.MaxRetryAttempts = 2, out var client);

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Does_not_retry_a_400()
    {
        var attempts = 0;
        await using var server = await LocalFakeServer.StartAsync(app => app.MapGet("/", () =>
        {
            Interlocked.Increment(ref attempts);
            return Results.BadRequest();
        }));
        await using var _ = Client(server.BaseAddress, _ => { }, out var client);

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Waits_at_least_as_long_as_Retry_After_says()
    {
        var stamps = new List<long>();
        await using var server = await LocalFakeServer.StartAsync(app => app.MapGet("/", (HttpResponse response) =>
        {
            lock (stamps) stamps.Add(Stopwatch.GetTimestamp());
            if (stamps.Count > 1) return Results.Text("ok");
            response.Headers.RetryAfter = "1";
            return Results.StatusCode(429);
        }));
        // Base delay 1 ms: only the header can explain a wait of about a second.
        await using var _ = Client(server.BaseAddress, o => o.Retry.Delay = TimeSpan.FromMilliseconds(1), out var client);

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, stamps.Count);
        Assert.True(Stopwatch.GetElapsedTime(stamps[0], stamps[1]) >= TimeSpan.FromMilliseconds(950),
            $"retried after {Stopwatch.GetElapsedTime(stamps[0], stamps[1])}");
    }

    [Fact]
    public async Task Attempt_timeout_abandons_a_hung_attempt_and_retries()
    {
        var attempts = 0;
        await using var server = await LocalFakeServer.StartAsync(app => app.MapGet("/", async (HttpContext context) =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            return Results.Text("second attempt");
        }));
        await using var _ = Client(server.BaseAddress, o => o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(1), out var client);

        var response = await client.GetAsync("/");

        Assert.Equal("second attempt", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Total_timeout_caps_all_attempts_together()
    {
        var attempts = 0;
        await using var server = await LocalFakeServer.StartAsync(app => app.MapGet("/", async (HttpContext context) =>
        {
            Interlocked.Increment(ref attempts);
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            return Results.Text("never");
        }));
        await using var _ = Client(server.BaseAddress, o =>
        {
            o.TotalRequestTimeout.Timeout = TimeSpan.FromMilliseconds(1500);
            o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(1);
            o.Retry.MaxRetryAttempts = 5;
        }, out var client);

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => client.GetAsync("/"));
        // Five retries of one second each cannot fit into 1.5 s: the total timeout stopped them.
        Assert.InRange(attempts, 1, 2);
    }

    [Fact]
    public async Task Retried_POST_sends_the_whole_body_again_even_from_a_forward_only_stream()
    {
        var bodies = new List<string>();
        await using var server = await LocalFakeServer.StartAsync(app => app.MapPost("/", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            lock (bodies) bodies.Add(body);
            return bodies.Count == 1 ? Results.StatusCode(502) : Results.Text("stored");
        }));
        await using var _ = Client(server.BaseAddress, _ => { }, out var client);
        const string payload = """{"text":"شگد سعره؟"}""";

        var content = new StreamContent(new ForwardOnlyStream(new MemoryStream(Encoding.UTF8.GetBytes(payload))));
        var response = await client.PostAsync("/", content);

        Assert.Equal("stored", await response.Content.ReadAsStringAsync());
        Assert.Equal([payload, payload], bodies);
    }

    [Fact]
    public async Task Incoherent_timeouts_stop_the_host_at_start_with_the_setting_names()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHttpClient("meta").AddStandardResilienceHandler(o =>
        {
            o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(5);
            o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(20);
        });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("HttpClient 'meta'", error.Message);
        Assert.Contains("AttemptTimeout.Timeout", error.Message);
        Assert.Contains("TotalRequestTimeout.Timeout", error.Message);
        Assert.Contains("CircuitBreaker.SamplingDuration", error.Message);
    }

    [Fact]
    public async Task Client_defaults_apply_to_every_client_and_make_HttpClient_timeout_infinite()
    {
        var attempts = 0;
        await using var server = await LocalFakeServer.StartAsync(app => app.MapGet("/", () =>
            Interlocked.Increment(ref attempts) == 1 ? Results.StatusCode(503) : Results.Text("ok")));
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler(o => o.Retry.Delay = TimeSpan.FromMilliseconds(5)));
        services.AddHttpClient("any");
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("any");

        var response = await client.GetAsync(new Uri(server.BaseAddress, "/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, attempts);
        Assert.Equal(Timeout.InfiniteTimeSpan, client.Timeout);
    }

    /// <summary>A body that can be read once, front to back, like a network stream.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => inner.ReadAsync(buffer, offset, count, ct);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => inner.ReadAsync(buffer, ct);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
