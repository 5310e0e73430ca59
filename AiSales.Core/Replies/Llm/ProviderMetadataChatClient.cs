using Microsoft.Extensions.AI;

namespace AiSales.Core.Replies.Llm;

/// <summary>
/// Answers <see cref="ChatClientMetadata"/> with our provider name (openai | azure-openai | openai-compatible) instead
/// of the adapter's "openai" for all three, so traces and diagnostics say which provider was called.
/// </summary>
internal sealed class ProviderMetadataChatClient(IChatClient inner, ChatClientMetadata metadata) : DelegatingChatClient(inner)
{
    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? metadata : base.GetService(serviceType, serviceKey);
}
