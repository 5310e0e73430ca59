using System.ComponentModel.DataAnnotations;

namespace AiSales.Core.Replies.Llm;

/// <summary>
/// Configuration section "Ai". The key is a secret: never logged (ToString is overridden so an accidental
/// structured-log of the options shows no key).
/// </summary>
public sealed class AiOptions
{
    public const string SectionName = "Ai";
    public const string DefaultModel = "gpt-4o-mini";

    /// <summary>offline | openai | azure-openai | openai-compatible. Empty: openai when a key is set, else offline.</summary>
    public string? Provider { get; set; }

    /// <summary>
    /// Base URL, e.g. http://127.0.0.1:11434/v1/; for azure-openai the resource, https://{resource}.openai.azure.com/
    /// (a …/openai/v1/ suffix is accepted and dropped).
    /// </summary>
    public string? Endpoint { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>Model name; for azure-openai the deployment name.</summary>
    public string Model { get; set; } = DefaultModel;

    /// <summary>
    /// Speech-to-text model for customers' voice notes (e.g. whisper-1; for azure-openai the deployment), called on the
    /// same provider, endpoint and key as the chat model (POST …/audio/transcriptions). Empty: voice notes are not
    /// transcribed and the customer is asked to type.
    /// </summary>
    public string? TranscriptionModel { get; set; }

    /// <summary>
    /// The chat model accepts images (e.g. gpt-4o-mini): a customer's photo that the product photos' hashes do not settle
    /// is shown to it with the catalog and a few product photos (docs/media.md).
    /// </summary>
    public bool ImageInput { get; set; }

    /// <summary>Network timeout of one HTTP attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Retries for transient failures (429, 5xx, network), with the SDK's exponential back-off (safe: a chat
    /// completion has no side effect).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>json_schema (strict structured output) or json_object for servers without json_schema support.</summary>
    [RegularExpression("(?i)^(json_schema|json_object)$", ErrorMessage = "Ai:StructuredOutput must be json_schema or json_object.")]
    public string StructuredOutput { get; set; } = "json_schema";

    /// <summary>Below this self-reported confidence the conversation goes to a person.</summary>
    [Range(0.0, 1.0)]
    public double HandoffConfidenceThreshold { get; set; } = 0.35;

    public override string ToString() =>
        $"Provider={Provider ?? "(auto)"}, Endpoint={Endpoint ?? "(default)"}, Model={Model}, TranscriptionModel={TranscriptionModel ?? "(none)"}, ApiKey={(string.IsNullOrEmpty(ApiKey) ? "(none)" : "(set)")}";
}
