using Microsoft.Extensions.AI;

namespace AiSales.Tests.Ai.Replies;

/// <summary>In-process IChatClient for engine logic tests: answers each call with the next scripted step and records what it was asked.</summary>
internal sealed class ScriptedChatClient(params Func<IReadOnlyList<ChatMessage>, ChatResponse>[] steps) : IChatClient
{
    public List<IReadOnlyList<ChatMessage>> Calls { get; } = [];
    public List<ChatOptions?> Options { get; } = [];

    public static Func<IReadOnlyList<ChatMessage>, ChatResponse> Json(string json) =>
        _ => new ChatResponse(new ChatMessage(ChatRole.Assistant, json)) { Usage = new UsageDetails { InputTokenCount = 100, OutputTokenCount = 20 } };

    public static Func<IReadOnlyList<ChatMessage>, ChatResponse> Throws(Exception ex) => _ => throw ex;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Calls.Add(list);
        Options.Add(options);
        if (Calls.Count > steps.Length)
            throw new InvalidOperationException("More model calls than scripted.");
        return Task.FromResult(steps[Calls.Count - 1](list));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() { }
}
