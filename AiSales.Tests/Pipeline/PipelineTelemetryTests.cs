using System.Diagnostics;
using AiSales.Core.Messaging;
using AiSales.Tests.Channels;
using AiSales.Tests.Infrastructure;
using AiSales.Tests.Ingest;
using AiSales.Tests.Sending;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AiSales.Tests.Pipeline;

/// <summary>
/// One customer message through both services in-process (Webhooks ingest → durable queue → Worker pipeline, reply and
/// send → Graph fake), with in-memory exporters added to their real OpenTelemetry setup: the webhook request and the
/// Graph call are one trace (the context crosses the database in the delivery row and in the queue's envelopes, not
/// through this process's memory), the Worker reports the send and the reply latency, and its send log carries the
/// merchant and conversation ids.
/// </summary>
public sealed class PipelineTelemetryTests
{
    [Fact]
    public async Task A_webhook_and_the_reply_it_causes_share_one_trace_and_are_measured()
    {
        var spans = new List<Activity>();
        var workerMetrics = new List<MetricSnapshot>();
        var webhooksMetrics = new List<MetricSnapshot>();
        var workerLogs = new CapturingLoggerProvider();
        var worker = new EndToEndHost(testServices: s =>
        {
            s.AddOpenTelemetry().WithTracing(t => t.AddInMemoryExporter(spans)).WithMetrics(m => m.AddInMemoryExporter(workerMetrics));
            s.AddSingleton<ILoggerProvider>(workerLogs);
        });
        await worker.InitializeAsync();
        var webhooks = new WebhooksAppFactory(worker.ConnectionString, worker.RedisConnectionString)
            .WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddOpenTelemetry().WithMetrics(m => m.AddInMemoryExporter(webhooksMetrics))));
        try
        {
            using var client = webhooks.CreateClient();
            var body = EndToEndHost.IgText("mid.trace1", "5100", "شكد سعر القميص", DateTimeOffset.UtcNow);
            using var response = await client.SendAsync(WebhooksAppFactory.SignedPost("instagram", body));
            response.EnsureSuccessStatusCode();
            await Eventually.UntilAsync(async () => (await worker.OutboundAsync()).Any(r => (string)r["state"]! == "sent"), "the reply sent");
            await worker.WaitForQueueIdleAsync(typeof(GenerateReply), typeof(SendMessage));

            // The trace the Graph fake saw on the wire; then every span of it. The Worker's listener also hears the
            // Webhooks host and tests running alongside (one process), so spans are picked by that trace id.
            var sent = Assert.Single(worker.Graph.Requests);
            var traceId = ActivityTraceId.CreateFromString(sent.Headers["traceparent"].Split('-')[1]);
            Activity[] trace;
            lock (spans) trace = [.. spans.Where(s => s.TraceId == traceId)];
            Assert.Contains(trace, s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore"
                && (s.GetTagItem("url.path") as string) == "/webhooks/instagram");
            Assert.Contains(trace, s => s.Source.Name == "AiSales.Worker" && s.DisplayName == "process webhook delivery");
            Assert.Contains(trace, s => s.Source.Name == "Wolverine" && s.DisplayName.StartsWith(typeof(GenerateReply).FullName!, StringComparison.Ordinal));
            Assert.Contains(trace, s => s.Source.Name == "Wolverine" && s.DisplayName.StartsWith(typeof(SendMessage).FullName!, StringComparison.Ordinal));
            var graphCall = Assert.Single(trace, s => s.Kind == ActivityKind.Client && s.Source.Name == "System.Net.Http");
            Assert.Equal("POST", graphCall.GetTagItem("http.request.method"));
            Assert.StartsWith(worker.Graph.BaseUrl, graphCall.GetTagItem("url.full") as string);

            worker.Services.GetRequiredService<MeterProvider>().ForceFlush();
            webhooks.Services.GetRequiredService<MeterProvider>().ForceFlush();
            var sends = Points(workerMetrics, "aisales.sends");
            Assert.Contains(sends, p => Tag(p, "outcome") == "sent" && Tag(p, "platform") == "instagram" && p.GetSumLong() >= 1);
            Assert.Contains(Points(workerMetrics, "aisales.reply.latency"), p => p.GetHistogramCount() >= 1);
            Assert.Contains(Points(webhooksMetrics, "aisales.webhooks.requests"), p => Tag(p, "platform") == "instagram" && p.GetSumLong() >= 1);
            Assert.Equal("{send}", workerMetrics.Last(m => m.Name == "aisales.sends").Unit);

            // The adapter's log line of the send carries whose message it was (scopes of the send handler), not its text.
            var reply = Assert.Single(await worker.OutboundAsync());
            var conversationId = await worker.ScalarAsync<Guid>("SELECT conversation_id FROM messages WHERE id = $1", reply["id"]);
            var sentLine = Assert.Single(workerLogs.Lines, l => l.Contains("GraphMessagesTransport: Sent ", StringComparison.Ordinal));
            Assert.Contains($"MerchantId={worker.MerchantId}", sentLine);
            Assert.Contains($"ConversationId={conversationId}", sentLine);
            Assert.DoesNotContain((string)reply["text"]!, sentLine);
            Assert.DoesNotContain(EndToEndHost.IgToken, string.Join("\n", workerLogs.Lines));
        }
        finally
        {
            await webhooks.DisposeAsync();
            await ((IAsyncLifetime)worker).DisposeAsync();
        }
    }

    private static List<MetricPoint> Points(List<MetricSnapshot> metrics, string name)
    {
        var points = new List<MetricPoint>();
        foreach (var metric in metrics.Where(m => m.Name == name)) points.AddRange(metric.MetricPoints);
        return points;
    }

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
            if (tag.Key == key) return tag.Value?.ToString();
        return null;
    }
}
