namespace AiSales.Core.Replies.Llm;

public enum AiProvider
{
    Offline,
    OpenAi,
    AzureOpenAi,
    OpenAiCompatible,
}

/// <summary>
/// Which engine answers, from configuration. The safe default is offline: a deployment without a key still
/// replies (grounded in the catalog) instead of failing every message.
/// - (empty): openai when Ai:ApiKey is set, otherwise offline.
/// - openai: needs a key (else offline). Endpoint defaults to api.openai.com.
/// - azure-openai: needs key and endpoint (the resource, https://{resource}.openai.azure.com/; the older …/openai/v1/
///   form still works) (else offline). Ai:Model is the deployment name.
/// - openai-compatible: needs an endpoint; the key is optional (local servers usually have none).
/// </summary>
public static class AiProviderSelector
{
    /// <summary>The configuration name of a provider, also its name in <c>ChatClientMetadata</c> and traces.</summary>
    public static string Name(AiProvider provider) => provider switch
    {
        AiProvider.OpenAi => "openai",
        AiProvider.AzureOpenAi => "azure-openai",
        AiProvider.OpenAiCompatible => "openai-compatible",
        _ => "offline",
    };

    public static AiProvider Resolve(AiOptions options, out string? whyOffline)
    {
        whyOffline = null;
        var hasKey = !string.IsNullOrWhiteSpace(options.ApiKey);
        var hasEndpoint = !string.IsNullOrWhiteSpace(options.Endpoint);
        switch (options.Provider?.Trim().ToLowerInvariant())
        {
            case null or "":
                if (hasKey) return AiProvider.OpenAi;
                whyOffline = "no Ai:Provider and no Ai:ApiKey";
                return AiProvider.Offline;
            case "offline":
                return AiProvider.Offline;
            case "openai":
                if (hasKey) return AiProvider.OpenAi;
                whyOffline = "Ai:Provider is openai but Ai:ApiKey is empty";
                return AiProvider.Offline;
            case "azure-openai" or "azure":
                if (hasKey && hasEndpoint) return AiProvider.AzureOpenAi;
                whyOffline = "Ai:Provider is azure-openai but Ai:ApiKey or Ai:Endpoint is empty";
                return AiProvider.Offline;
            case "openai-compatible":
                if (hasEndpoint) return AiProvider.OpenAiCompatible;
                whyOffline = "Ai:Provider is openai-compatible but Ai:Endpoint is empty";
                return AiProvider.Offline;
            default:
                throw new InvalidOperationException(
                    $"Unknown Ai:Provider '{options.Provider}'. Use offline, openai, azure-openai or openai-compatible.");
        }
    }
}
