using AiSales.Core.Replies.Llm;
using AiSales.Tests.Fakes;
using Microsoft.Extensions.AI;

namespace AiSales.Tests.Ai.Chat;

/// <summary>The production chat client (<see cref="ChatClientFactory"/>) for each provider, pointed at a <see cref="FakeOpenAi"/>.</summary>
internal static class FakeOpenAiProviders
{
    public const string Key = "sk-test-key";
    public const string Model = "gpt-4o-mini";
    public const string AzureDeployment = "sales-gpt";

    /// <summary>
    /// Configuration as an operator writes it: OpenAI and compatible servers get the base URL (…/v1), Azure gets the
    /// resource root and the deployment as the model.
    /// </summary>
    public static AiOptions Options(FakeOpenAi fake, AiProvider provider, TimeSpan? timeout = null, int retries = 0, string? key = Key) => new()
    {
        Provider = AiProviderSelector.Name(provider),
        Endpoint = provider == AiProvider.AzureOpenAi ? fake.BaseUrl + "/" : fake.BaseUrl + "/v1",
        ApiKey = key,
        Model = provider == AiProvider.AzureOpenAi ? AzureDeployment : Model,
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
        MaxRetries = retries,
    };

    public static IChatClient Client(FakeOpenAi fake, AiProvider provider, TimeSpan? timeout = null, int retries = 0, string? key = Key) =>
        ChatClientFactory.Create(Options(fake, provider, timeout, retries, key), provider);

    /// <summary>The path a provider's chat completion must arrive on.</summary>
    public static string ExpectedPath(AiProvider provider) =>
        provider == AiProvider.AzureOpenAi ? FakeOpenAi.AzurePath(AzureDeployment) : "/v1/chat/completions";
}
