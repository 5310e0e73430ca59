using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using Oai = OpenAI.Chat;

namespace AiSales.Core.Ai.Chat;

/// <summary>
/// <see cref="IChatClient"/> over the OpenAI SDK's chat-completions client (the feed has no
/// Microsoft.Extensions.AI.OpenAI, so this is our own small adapter). One class serves OpenAI, Azure OpenAI's v1
/// endpoint and OpenAI-compatible local servers: they differ only in base URL and key. Maps text messages,
/// temperature, max tokens and response format (text / json_object / json_schema) out, and text, usage and finish
/// reason back. Tools and images are not used by the reply engine and are rejected rather than silently dropped.
/// </summary>
public sealed class OpenAiChatClient : IChatClient
{
    private static readonly Uri OpenAiEndpoint = new("https://api.openai.com/v1");

    private readonly Oai.ChatClient _client;
    private readonly string _model;
    private readonly ChatClientMetadata _metadata;

    public OpenAiChatClient(Oai.ChatClient client, string model, string providerName = "openai", Uri? endpoint = null)
    {
        _client = client;
        _model = model;
        _metadata = new ChatClientMetadata(providerName, endpoint, model);
    }

    /// <summary>Builds the SDK client with the configured endpoint, per-attempt network timeout and retry policy.</summary>
    public static OpenAiChatClient Create(AiOptions options, AiProvider provider)
    {
        var endpoint = string.IsNullOrWhiteSpace(options.Endpoint) ? OpenAiEndpoint : new Uri(options.Endpoint);
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            NetworkTimeout = options.Timeout,
            RetryPolicy = new ClientRetryPolicy(Math.Max(0, options.MaxRetries)),
        };
        // Local OpenAI-compatible servers usually ignore the key, but the SDK requires a non-empty credential.
        var key = string.IsNullOrWhiteSpace(options.ApiKey) ? "unused" : options.ApiKey;
        var client = new Oai.ChatClient(options.Model, new ApiKeyCredential(key), clientOptions);
        var name = provider switch
        {
            AiProvider.AzureOpenAi => "azure-openai",
            AiProvider.OpenAiCompatible => "openai-compatible",
            _ => "openai",
        };
        return new OpenAiChatClient(client, options.Model, name, endpoint);
    }

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var completion = (await _client.CompleteChatAsync(ToOpenAi(messages), ToOpenAi(options), cancellationToken)).Value;
        var text = string.Concat(completion.Content
            .Where(p => p.Kind == Oai.ChatMessageContentPartKind.Text)
            .Select(p => p.Text));

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = completion.CreatedAt,
            FinishReason = ToFinishReason(completion.FinishReason),
            Usage = completion.Usage is { } u
                ? new UsageDetails
                {
                    InputTokenCount = u.InputTokenCount,
                    OutputTokenCount = u.OutputTokenCount,
                    TotalTokenCount = u.TotalTokenCount,
                }
                : null,
        };
    }

    /// <summary>The reply engine needs the whole JSON before it can check prices, so streaming is one update.</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
            yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceType == typeof(Oai.ChatClient) ? _client
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        // The SDK client owns no disposable resources (its pipeline uses a shared HttpClient).
    }

    private static List<Oai.ChatMessage> ToOpenAi(IEnumerable<ChatMessage> messages)
    {
        var result = new List<Oai.ChatMessage>();
        foreach (var m in messages)
        {
            if (m.Contents.Any(c => c is not TextContent))
                throw new NotSupportedException("Only text content is supported by this adapter.");

            var text = m.Text;
            if (m.Role == ChatRole.System) result.Add(new Oai.SystemChatMessage(text));
            else if (m.Role == ChatRole.User) result.Add(new Oai.UserChatMessage(text));
            else if (m.Role == ChatRole.Assistant) result.Add(new Oai.AssistantChatMessage(text));
            else throw new NotSupportedException($"Chat role '{m.Role}' is not supported by this adapter.");
        }
        return result;
    }

    private Oai.ChatCompletionOptions ToOpenAi(ChatOptions? options)
    {
        var result = new Oai.ChatCompletionOptions();
        if (options is null)
            return result;

        if (options.ModelId is { } model && !string.Equals(model, _model, StringComparison.Ordinal))
            throw new NotSupportedException($"This client is bound to model '{_model}'.");

        result.Temperature = options.Temperature;
        result.TopP = options.TopP;
        result.MaxOutputTokenCount = options.MaxOutputTokens;
        if (options.StopSequences is { Count: > 0 } stops)
            foreach (var s in stops) result.StopSequences.Add(s);

        result.ResponseFormat = options.ResponseFormat switch
        {
            ChatResponseFormatJson { Schema: { } schema } json => Oai.ChatResponseFormat.CreateJsonSchemaFormat(
                json.SchemaName ?? "response", BinaryData.FromString(schema.GetRawText()), json.SchemaDescription,
                jsonSchemaIsStrict: true),
            ChatResponseFormatJson => Oai.ChatResponseFormat.CreateJsonObjectFormat(),
            ChatResponseFormatText => Oai.ChatResponseFormat.CreateTextFormat(),
            _ => null,
        };
        return result;
    }

    private static ChatFinishReason? ToFinishReason(Oai.ChatFinishReason reason) => reason switch
    {
        Oai.ChatFinishReason.Stop => ChatFinishReason.Stop,
        Oai.ChatFinishReason.Length => ChatFinishReason.Length,
        Oai.ChatFinishReason.ContentFilter => ChatFinishReason.ContentFilter,
        Oai.ChatFinishReason.ToolCalls or Oai.ChatFinishReason.FunctionCall => ChatFinishReason.ToolCalls,
        _ => null,
    };
}
