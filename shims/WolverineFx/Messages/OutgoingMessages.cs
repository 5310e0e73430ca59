namespace Wolverine;

/// <summary>Return this from a handler to cascade several messages, some of them delayed.</summary>
public class OutgoingMessages : List<object>
{
    public void Delay<T>(T message, TimeSpan delay) where T : notnull =>
        Add(new ScheduledCascade(message, new DeliveryOptions { ScheduleDelay = delay }));

    public void Schedule<T>(T message, DateTimeOffset time) where T : notnull =>
        Add(new ScheduledCascade(message, new DeliveryOptions { ScheduledTime = time }));
}

/// <summary>A cascaded message with its own delivery options.</summary>
internal sealed record ScheduledCascade(object Message, DeliveryOptions Options);
