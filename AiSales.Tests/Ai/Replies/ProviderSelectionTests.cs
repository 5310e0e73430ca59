using AiSales.Core.Replies;
using AiSales.Core.Replies.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Ai.Replies;

[Trait("Category", "Unit")]
public sealed class ProviderSelectionTests
{
    [Theory]
    [InlineData(null, null, null, AiProvider.Offline)]
    [InlineData(null, "sk-test", null, AiProvider.OpenAi)]
    [InlineData("offline", "sk-test", null, AiProvider.Offline)]
    [InlineData("openai", null, null, AiProvider.Offline)]
    [InlineData("openai", "sk-test", null, AiProvider.OpenAi)]
    [InlineData("azure-openai", "key", null, AiProvider.Offline)]
    [InlineData("azure-openai", "key", "https://shop.openai.azure.com/openai/v1/", AiProvider.AzureOpenAi)]
    [InlineData("openai-compatible", null, "http://127.0.0.1:11434/v1/", AiProvider.OpenAiCompatible)]
    [InlineData("openai-compatible", "key", null, AiProvider.Offline)]
    public void Provider_comes_from_configuration(string? provider, string? key, string? endpoint, AiProvider expected)
    {
        var resolved = AiProviderSelector.Resolve(new AiOptions { Provider = provider, ApiKey = key, Endpoint = endpoint }, out var why);
        Assert.Equal(expected, resolved);
        Assert.Equal(expected == AiProvider.Offline && provider != "offline", why is not null);
    }

    [Fact]
    public void Unknown_provider_is_a_configuration_error() =>
        Assert.Throws<InvalidOperationException>(() => AiProviderSelector.Resolve(new AiOptions { Provider = "gemini" }, out _));

    [Fact]
    public void Options_never_print_the_key()
    {
        var text = new AiOptions { ApiKey = "sk-secret-123" }.ToString();
        Assert.DoesNotContain("sk-secret-123", text);
    }

    [Fact]
    public void Registration_without_a_key_uses_the_offline_engine()
    {
        using var sp = Build(new() { ["Ai:Model"] = "gpt-4o-mini" });
        Assert.Null(sp.GetService<IChatClient>());
        Assert.False(sp.GetRequiredService<ReplyEngine>().UsesModel);
    }

    [Fact]
    public void Registration_with_an_endpoint_uses_the_sdk_client_with_the_configured_model_and_endpoint()
    {
        using var sp = Build(new()
        {
            ["Ai:Provider"] = "openai-compatible", ["Ai:Endpoint"] = "http://127.0.0.1:9/v1/", ["Ai:Model"] = "qwen2.5",
            ["Ai:Timeout"] = "00:00:05", ["Ai:HandoffConfidenceThreshold"] = "0.5",
        });
        var client = sp.GetRequiredService<IChatClient>();
        var meta = client.GetService<ChatClientMetadata>()!;
        Assert.Equal("openai-compatible", meta.ProviderName);
        Assert.Equal("qwen2.5", meta.DefaultModelId);
        Assert.Equal(new Uri("http://127.0.0.1:9/v1/"), meta.ProviderUri);
        Assert.NotNull(client.GetService<OpenAI.Chat.ChatClient>());
        Assert.True(sp.GetRequiredService<ReplyEngine>().UsesModel);
        Assert.Equal(0.5, sp.GetRequiredService<ReplyEngineOptions>().HandoffConfidenceThreshold);
        Assert.Equal(TimeSpan.FromSeconds(5), sp.GetRequiredService<AiOptions>().Timeout);
    }

    [Fact]
    public void Registration_for_azure_uses_the_azure_client_on_the_resource_with_the_deployment()
    {
        using var sp = Build(new()
        {
            ["Ai:Provider"] = "azure-openai", ["Ai:Endpoint"] = "https://shop.openai.azure.com/openai/v1/",
            ["Ai:ApiKey"] = "azure-key", ["Ai:Model"] = "sales-gpt",
        });
        var client = sp.GetRequiredService<IChatClient>();
        var meta = client.GetService<ChatClientMetadata>()!;
        Assert.Equal("azure-openai", meta.ProviderName);
        Assert.Equal("sales-gpt", meta.DefaultModelId);
        Assert.Equal(new Uri("https://shop.openai.azure.com/"), meta.ProviderUri);
        Assert.Equal("AzureChatClient", client.GetService<OpenAI.Chat.ChatClient>()!.GetType().Name);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(config).AddAiReplies(config).BuildServiceProvider();
    }
}
