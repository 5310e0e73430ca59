namespace Wolverine;

/// <summary>Thrown when a send or invoke finds no handler for the message type.</summary>
public sealed class NoHandlerForEndpointException(Type messageType)
    : Exception($"No handler is registered for message type {messageType.FullName}. Handlers are public classes named *Handler or *Consumer " +
                "with a Handle/HandleAsync/Consume/ConsumeAsync method whose first parameter is the message, in a discovered assembly.")
{
    public Type MessageType { get; } = messageType;
}

/// <summary>Thrown when <see cref="IMessageBus.SendAsync{T}"/> or InvokeAsync finds more than one handler.</summary>
public sealed class MultipleHandlersException(Type messageType, int count)
    : Exception($"Message type {messageType.FullName} has {count} handlers; SendAsync/InvokeAsync need exactly one (use PublishAsync to fan out).");
