namespace Wolverine.Runtime;

/// <summary>
/// The bus. At the root (no envelope) sends are written at once; inside a handler they are buffered
/// and committed with the incoming job's completion (outbox semantics), so a failed handler sends nothing.
/// </summary>
internal sealed class MessageContext(WolverineRuntime runtime, MessageExecutor executor, Envelope? envelope = null) : IMessageContext
{
    private readonly List<object> _outgoing = [];

    public Envelope? Envelope { get; } = envelope;
    public string? CorrelationId => Envelope?.CorrelationId;

    /// <summary>Messages sent from inside the handler, waiting for it to succeed.</summary>
    internal List<object> Outgoing => _outgoing;

    public ValueTask PublishAsync<T>(T message, DeliveryOptions? options = null) => EnqueueAsync(message, options, requireSingleHandler: false);

    public ValueTask SendAsync<T>(T message, DeliveryOptions? options = null) => EnqueueAsync(message, options, requireSingleHandler: true);

    public Task InvokeAsync(object message, CancellationToken cancellation = default, TimeSpan? timeout = null) =>
        executor.InvokeInlineAsync(message, Envelope, responseType: null, cancellation, timeout);

    public async Task<T> InvokeAsync<T>(object message, CancellationToken cancellation = default, TimeSpan? timeout = null)
    {
        var response = await executor.InvokeInlineAsync(message, Envelope, typeof(T), cancellation, timeout);
        return response is T typed ? typed : throw new InvalidOperationException(
            $"The handler for {message.GetType().FullName} returned no {typeof(T).FullName}.");
    }

    private async ValueTask EnqueueAsync<T>(T message, DeliveryOptions? options, bool requireSingleHandler)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Envelope is not null)
        {
            // Validate now (clear error at the call site), persist later with the completion.
            if (requireSingleHandler) runtime.CreateJobs([message], options, Envelope, true);
            _outgoing.Add(options is null ? message : new ScheduledCascade(message, options));
            return;
        }
        var jobs = runtime.CreateJobs([message], options, parent: null, requireSingleHandler);
        await runtime.Store.InsertAsync(jobs, CancellationToken.None);
        runtime.RecordSent(jobs);
    }
}
