using AiSales.Core.Replies.Llm;


namespace AiSales.Tests.Ai.Chat;

[Trait("Category", "Unit")]
public sealed class AzureResourceEndpointTests
{
    [Theory]
    [InlineData("https://shop.openai.azure.com", "https://shop.openai.azure.com/")]
    [InlineData("https://shop.openai.azure.com/", "https://shop.openai.azure.com/")]
    [InlineData("https://shop.openai.azure.com/openai/v1/", "https://shop.openai.azure.com/")] // the form docs used to give
    [InlineData("https://shop.openai.azure.com/openai/v1", "https://shop.openai.azure.com/")]
    [InlineData("https://shop.openai.azure.com/openai/", "https://shop.openai.azure.com/")]
    [InlineData("https://gateway.example/shop/openai/v1/", "https://gateway.example/shop/")] // a proxy prefix is kept
    [InlineData("http://127.0.0.1:5000/", "http://127.0.0.1:5000/")]
    public void The_configured_endpoint_becomes_the_resource_root(string configured, string expected) =>
        Assert.Equal(new Uri(expected), AzureResourceEndpoint.From(configured));
}
