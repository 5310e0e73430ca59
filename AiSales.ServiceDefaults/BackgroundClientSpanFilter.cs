using System.Diagnostics;
using OpenTelemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Keeps database and Redis spans that belong to an operation (a request, a handled message) and drops the ones that
/// start a trace of their own: the queue's polling, lease heartbeats and health probes run every second with nothing
/// around them, and exported each would be a one-span trace that buries a customer's message in the Aspire dashboard.
/// Runs before the exporters: a span no longer marked Recorded is not exported.
/// </summary>
public sealed class BackgroundClientSpanFilter : BaseProcessor<Activity>
{
    /// <summary>Npgsql's source and the StackExchange.Redis instrumentation's.</summary>
    public static readonly string[] ClientSources = ["Npgsql", "OpenTelemetry.Instrumentation.StackExchangeRedis"];

    public override void OnStart(Activity activity)
    {
        if (activity.ParentSpanId == default && Array.IndexOf(ClientSources, activity.Source.Name) >= 0)
        {
            activity.IsAllDataRequested = false;
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }
}
