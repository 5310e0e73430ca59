namespace Wolverine;

/// <summary>Entry point for sending and invoking messages.</summary>
public interface IMessageBus
{
    /// <summary>Durably enqueues the message for every handler of its type (none is fine).</summary>
    ValueTask PublishAsync<T>(T message, DeliveryOptions? options = null);

    /// <summary>Durably enqueues the message; exactly one handler must exist.</summary>
    ValueTask SendAsync<T>(T message, DeliveryOptions? options = null);

    /// <summary>Runs the single handler inline in this process (cooldown retries only).</summary>
    Task InvokeAsync(object message, CancellationToken cancellation = default, TimeSpan? timeout = null);

    /// <summary>Runs the single handler inline and returns its <typeparamref name="T"/> result.</summary>
    Task<T> InvokeAsync<T>(object message, CancellationToken cancellation = default, TimeSpan? timeout = null);
}

/// <summary>The bus as seen from inside a handler: sends are held until the handler succeeds.</summary>
public interface IMessageContext : IMessageBus
{
    Envelope? Envelope { get; }
    string? CorrelationId { get; }
}

public static class MessageBusExtensions
{
    public static ValueTask ScheduleAsync<T>(this IMessageBus bus, T message, TimeSpan delay) =>
        bus.PublishAsync(message, new DeliveryOptions { ScheduleDelay = delay });

    public static ValueTask ScheduleAsync<T>(this IMessageBus bus, T message, DateTimeOffset time) =>
        bus.PublishAsync(message, new DeliveryOptions { ScheduledTime = time });
}
