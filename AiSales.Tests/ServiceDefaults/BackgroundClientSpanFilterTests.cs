using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace AiSales.Tests.ServiceDefaults;

/// <summary>The queue's polling must not bury a customer's trace under one-span database traces.</summary>
[Trait("Category", "Unit")]
public class BackgroundClientSpanFilterTests
{
    [Fact]
    public void Database_and_redis_spans_are_exported_inside_an_operation_and_dropped_when_they_would_start_a_trace()
    {
        using var npgsql = new ActivitySource("Npgsql");
        using var redis = new ActivitySource("OpenTelemetry.Instrumentation.StackExchangeRedis");
        using var app = new ActivitySource("AiSales.Test");
        var exported = new List<Activity>();
        using (Sdk.CreateTracerProviderBuilder()
                   .AddSource("Npgsql", "OpenTelemetry.Instrumentation.StackExchangeRedis", "AiSales.Test")
                   .AddProcessor(new BackgroundClientSpanFilter())
                   .AddInMemoryExporter(exported)
                   .Build())
        {
            using (npgsql.StartActivity("poll")) { }
            using (redis.StartActivity("PING")) { }
            using (app.StartActivity("handle message"))
            {
                using (npgsql.StartActivity("select")) { }
                using (redis.StartActivity("SET")) { }
            }
            using (app.StartActivity("request")) { }
        }

        // The provider listens to "Npgsql" by name: test hosts running beside this test emit real Npgsql spans too.
        // Only the spans of this test's own sources count.
        var ours = exported.Where(a => a.Source == npgsql || a.Source == redis || a.Source == app).ToList();
        Assert.Equal(["select", "SET", "handle message", "request"], ours.Select(a => a.DisplayName));
        var trace = ours.Single(a => a.DisplayName == "handle message").TraceId;
        Assert.All(ours.Where(a => a.DisplayName is "select" or "SET"), a => Assert.Equal(trace, a.TraceId));
    }
}
