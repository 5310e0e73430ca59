using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using OpenAI;
using OpenAI.Chat;

namespace AiSales.Core.Replies.Llm;

/// <summary>
/// The SDK's chat-completions client for a configured provider. OpenAI and OpenAI-compatible servers differ only in
/// base URL and key (Bearer); Azure OpenAI has its own URL shape
/// ({resource}/openai/deployments/{Ai:Model}/chat/completions?api-version=…) and an api-key header, which
/// <see cref="AzureOpenAIClient"/> builds. Both get the same per-attempt timeout and retry count from <see cref="AiOptions"/>.
/// </summary>
internal static class OpenAiSdkClients
{
    public static readonly Uri OpenAiEndpoint = new("https://api.openai.com/v1");

    // Local OpenAI-compatible servers usually ignore the key, but the SDK refuses an empty credential.
    private const string PlaceholderKey = "unused";

    public static ChatClient Create(AiOptions options, AiProvider provider) => provider switch
    {
        AiProvider.AzureOpenAi => new AzureOpenAIClient(Endpoint(options, provider), Key(options),
                WithAttemptPolicy(new AzureOpenAIClientOptions(), options))
            .GetChatClient(options.Model),
        AiProvider.OpenAi or AiProvider.OpenAiCompatible => new ChatClient(options.Model, Key(options),
            WithAttemptPolicy(new OpenAIClientOptions { Endpoint = Endpoint(options, provider) }, options)),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "The offline responder has no chat client."),
    };

    /// <summary>The SDK's audio client for <see cref="AiOptions.TranscriptionModel"/> on the same provider (POST …/audio/transcriptions).</summary>
    public static OpenAI.Audio.AudioClient CreateAudio(AiOptions options, AiProvider provider) => provider switch
    {
        AiProvider.AzureOpenAi => new AzureOpenAIClient(Endpoint(options, provider), Key(options),
                WithAttemptPolicy(new AzureOpenAIClientOptions(), options))
            .GetAudioClient(options.TranscriptionModel),
        AiProvider.OpenAi or AiProvider.OpenAiCompatible => new OpenAI.Audio.AudioClient(options.TranscriptionModel, Key(options),
            WithAttemptPolicy(new OpenAIClientOptions { Endpoint = Endpoint(options, provider) }, options)),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "The offline responder has no audio client."),
    };

    /// <summary>The URL the client talks to: the Azure resource root, the configured base URL, or api.openai.com.</summary>
    public static Uri Endpoint(AiOptions options, AiProvider provider) =>
        provider == AiProvider.AzureOpenAi ? AzureResourceEndpoint.From(options.Endpoint!)
        : string.IsNullOrWhiteSpace(options.Endpoint) ? OpenAiEndpoint
        : new Uri(options.Endpoint);

    private static ApiKeyCredential Key(AiOptions options) =>
        new(string.IsNullOrWhiteSpace(options.ApiKey) ? PlaceholderKey : options.ApiKey);

    /// <summary>
    /// Timeout per HTTP attempt, and retries of 429/5xx/network failures with the SDK's exponential back-off (honouring
    /// Retry-After). Retrying is safe: a chat completion is a read with no side effect on the provider.
    /// </summary>
    private static T WithAttemptPolicy<T>(T clientOptions, AiOptions options) where T : ClientPipelineOptions
    {
        clientOptions.NetworkTimeout = options.Timeout;
        clientOptions.RetryPolicy = new ClientRetryPolicy(Math.Max(0, options.MaxRetries));
        return clientOptions;
    }
}
