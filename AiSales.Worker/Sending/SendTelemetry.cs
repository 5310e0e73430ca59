using System.Diagnostics;
using System.Diagnostics.Metrics;
using AiSales.Core.Channels;
using AiSales.Core.Inbound;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending.Transports;

namespace AiSales.Worker.Sending;

/// <summary>
/// Meter "AiSales.Sending" (picked up by ServiceDefaults' AiSales.* wildcard): provider calls by outcome, their duration,
/// and how long a customer waited for the AI's answer. Tags are channel kinds and outcomes only: no ids, no text.
/// </summary>
public sealed class SendTelemetry : IDisposable
{
    public const string MeterName = "AiSales.Sending";

    private readonly Meter _meter;
    private readonly Counter<long> _sends;
    private readonly Histogram<double> _sendDuration;
    private readonly Histogram<double> _replyLatency;

    public SendTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _sends = _meter.CreateCounter<long>("aisales.sends", "{send}",
            "Provider send calls by platform, provider and outcome (outcome_unknown: the request may have reached the platform)");
        _sendDuration = _meter.CreateHistogram<double>("aisales.send.duration", "ms", "Duration of one provider send call, retries of the HTTP layer included");
        _replyLatency = _meter.CreateHistogram<double>("aisales.reply.latency", "ms",
            "From the customer's last message (the platform's timestamp) to the platform accepting the AI's reply");
    }

    public void SendCompleted(SendRequest send, SendResult result, long startTimestamp)
    {
        var tags = new TagList
        {
            { "platform", send.Platform.ToName() },
            { "provider", send.Provider.ToName() },
            { "outcome", OutcomeName(result.Outcome) },
            { "outcome_unknown", result.OutcomeUnknown },
        };
        _sends.Add(1, tags);
        _sendDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, tags);
    }

    /// <summary>An AI reply the platform accepted; <paramref name="customerMessageAt"/> is the message it answers.</summary>
    public void ReplySent(ChannelPlatform platform, DateTimeOffset customerMessageAt, DateTimeOffset now)
    {
        // A platform clock ahead of ours would make it negative; a replayed old message would only be a large value.
        var latency = now - customerMessageAt;
        if (latency >= TimeSpan.Zero)
            _replyLatency.Record(latency.TotalMilliseconds, new TagList { { "platform", platform.ToName() } });
    }

    public static string OutcomeName(SendOutcome outcome) => outcome switch
    {
        SendOutcome.Sent => "sent",
        SendOutcome.RetryLater => "retry_later",
        SendOutcome.WaitForReconnect => "wait_for_reconnect",
        SendOutcome.OutsideWindow => "outside_window",
        _ => "failed",
    };

    public void Dispose() => _meter.Dispose();
}
