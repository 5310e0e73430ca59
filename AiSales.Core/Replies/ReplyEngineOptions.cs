namespace AiSales.Core.Replies;

/// <summary>Knobs of the reply engine (bound from the "Ai" section by AddAiReplies).</summary>
public sealed class ReplyEngineOptions
{
    /// <summary>Below this self-reported confidence the conversation goes to a person.</summary>
    public double HandoffConfidenceThreshold { get; init; } = 0.35;

    /// <summary>json_schema when true; json_object for OpenAI-compatible servers without schema support.</summary>
    public bool UseJsonSchema { get; init; } = true;

    public float? Temperature { get; init; } = 0.3f;

    public int? MaxOutputTokens { get; init; } = 600;
}
