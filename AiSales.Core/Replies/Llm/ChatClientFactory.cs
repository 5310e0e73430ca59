using Microsoft.Extensions.AI;

namespace AiSales.Core.Replies.Llm;

/// <summary>
/// The reply engine's <see cref="IChatClient"/>: the SDK client for the provider (<see cref="OpenAiSdkClients"/>) through
/// Microsoft.Extensions.AI.OpenAI's <c>AsIChatClient()</c>, which maps messages, temperature, max tokens and the
/// response format out and text, usage and finish reason back. Around it:
/// - strict json_schema: <see cref="Replies.LlmReplyFormat"/>'s schema is strict-compatible, and strict mode makes the
///   model follow it exactly (the adapter sends strict only when asked);
/// - OpenTelemetry gen_ai spans and metrics under <see cref="AiMetrics.MeterName"/> (picked up by the services'
///   "AiSales.*" sources and meters), without message content: customer text never goes into telemetry.
/// Nothing here logs; the reply engine logs outcomes, and message text only at Debug.
/// </summary>
public static class ChatClientFactory
{
    /// <summary>ChatOptions.AdditionalProperties key Microsoft.Extensions.AI.OpenAI reads for strict schemas.</summary>
    private const string StrictJsonSchemaKey = "strict";

    public static IChatClient Create(AiOptions options, AiProvider provider)
    {
        var metadata = new ChatClientMetadata(
            AiProviderSelector.Name(provider), OpenAiSdkClients.Endpoint(options, provider), options.Model);

        return new ChatClientBuilder(OpenAiSdkClients.Create(options, provider).AsIChatClient())
            .ConfigureOptions(o => (o.AdditionalProperties ??= [])[StrictJsonSchemaKey] = true)
            .UseOpenTelemetry(sourceName: AiMetrics.MeterName, configure: otel => otel.EnableSensitiveData = false)
            .Use(inner => new ProviderMetadataChatClient(inner, metadata))
            .Build();
    }
}
