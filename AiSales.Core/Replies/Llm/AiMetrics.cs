using System.Diagnostics.Metrics;

namespace AiSales.Core.Replies.Llm;

/// <summary>
/// Meter "AiSales.Ai": token usage and model latency per merchant, and replies by path (how often the LLM is
/// trusted, regenerated, or replaced by the offline responder). Tagged with the merchant id only — never text.
/// </summary>
public sealed class AiMetrics
{
    public const string MeterName = "AiSales.Ai";

    private readonly Counter<long> _inputTokens;
    private readonly Counter<long> _outputTokens;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _replies;

    public AiMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _inputTokens = meter.CreateCounter<long>("aisales.ai.tokens.input", "{token}", "Prompt tokens sent to the model");
        _outputTokens = meter.CreateCounter<long>("aisales.ai.tokens.output", "{token}", "Completion tokens received");
        _latency = meter.CreateHistogram<double>("aisales.ai.latency", "ms", "Model call duration");
        _replies = meter.CreateCounter<long>("aisales.ai.replies", "{reply}", "Replies by path");
    }

    public void ModelCall(Guid merchantId, TimeSpan elapsed, long? inputTokens, long? outputTokens, string outcome)
    {
        var merchant = new KeyValuePair<string, object?>("merchant.id", merchantId.ToString());
        _latency.Record(elapsed.TotalMilliseconds, merchant, new("outcome", outcome));
        if (inputTokens is > 0) _inputTokens.Add(inputTokens.Value, merchant);
        if (outputTokens is > 0) _outputTokens.Add(outputTokens.Value, merchant);
    }

    public void Reply(Guid merchantId, string path) =>
        _replies.Add(1, new("merchant.id", merchantId.ToString()), new KeyValuePair<string, object?>("path", path));
}
