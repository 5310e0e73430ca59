using System.Collections;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wolverine.ErrorHandling;

namespace Wolverine.Runtime;

/// <summary>Runs one handler for one envelope in its own DI scope, with tracing and metrics.</summary>
internal sealed class MessageExecutor(WolverineRuntime runtime, IServiceScopeFactory scopes)
{
    public WolverineRuntime Runtime => runtime;

    /// <summary>Runs the handler; returns its unwrapped result and the messages it sent through the context.</summary>
    public async Task<(object? Result, List<object> Sent)> RunAsync(MessageHandler handler, Envelope envelope, ActivityContext parent, CancellationToken ct)
    {
        using var activity = WolverineInstrumentation.ActivitySource.StartActivity($"{envelope.MessageType} process", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "wolverine");
        activity?.SetTag("messaging.message.id", envelope.Id.ToString());
        activity?.SetTag("messaging.destination.name", envelope.MessageType);
        activity?.SetTag("messaging.message.conversation_id", envelope.CorrelationId);
        activity?.SetTag("wolverine.attempt", envelope.Attempts);
        runtime.Tracker.Record(MessageEventType.ExecutionStarted, envelope);
        var started = Stopwatch.GetTimestamp();
        var tags = new TagList { { "message.type", envelope.MessageType } };
        await using var scope = scopes.CreateAsyncScope();
        var context = new MessageContext(runtime, this, envelope);
        try
        {
            var result = await handler.InvokeAsync(envelope.Message!, scope.ServiceProvider, context, ct);
            runtime.Instrumentation.Processed.Add(1, tags);
            return (result, context.Outgoing);
        }
        catch (Exception ex)
        {
            runtime.Instrumentation.Failed.Add(1, tags);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            activity?.AddException(ex);
            throw;
        }
        finally
        {
            runtime.Instrumentation.Duration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
        }
    }

    /// <summary>InvokeAsync: inline, single handler, only RetryWithCooldown/RetryTimes rules apply.</summary>
    public async Task<object?> InvokeInlineAsync(object message, Envelope? parent, Type? responseType, CancellationToken ct, TimeSpan? timeout)
    {
        ArgumentNullException.ThrowIfNull(message);
        var type = message.GetType();
        var handlers = runtime.Handlers.HandlersFor(type);
        if (handlers.Count == 0) throw new NoHandlerForEndpointException(type);
        if (handlers.Count > 1) throw new MultipleHandlersException(type, handlers.Count);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout is { } t) cts.CancelAfter(t);
        var envelope = new Envelope
        {
            Id = Guid.CreateVersion7(), Message = message, MessageType = HandlerGraph.NameFor(type), Attempts = 1, MaxAttempts = int.MaxValue,
            Headers = WolverineRuntime.BuildHeaders(null, parent),
        };
        runtime.Tracker.Record(MessageEventType.Sent, envelope);
        while (true)
        {
            try
            {
                var (result, sent) = await RunAsync(handlers[0], envelope, Activity.Current?.Context ?? default, cts.Token);
                object? response = null;
                if (responseType is not null && result is not null && responseType.IsInstanceOfType(result))
                    (response, result) = (result, null);
                var outgoing = Cascades(result).Concat(sent).ToList();
                if (outgoing.Count > 0)
                {
                    var jobs = runtime.CreateJobs(outgoing, null, envelope, requireSingleHandler: false);
                    await runtime.Store.InsertAsync(jobs, CancellationToken.None);
                    runtime.RecordSent(jobs);
                }
                runtime.Tracker.Record(MessageEventType.MessageSucceeded, envelope);
                return response;
            }
            catch (Exception ex) when (!cts.IsCancellationRequested)
            {
                runtime.Tracker.Record(MessageEventType.MessageFailed, envelope, ex);
                var action = runtime.Options.Policies.Determine(ex, envelope.Attempts, int.MaxValue);
                if (action.Kind != FailureActionKind.RetryInline) throw;
                runtime.Logger.LogWarning(ex, "Inline retry {Attempt} of {MessageType} after {Delay}", envelope.Attempts, envelope.MessageType, action.Delay);
                await Task.Delay(action.Delay, cts.Token);
                envelope.Attempts++;
            }
        }
    }

    /// <summary>Handler return values that are messages to cascade.</summary>
    public static IEnumerable<object> Cascades(object? result) => result switch
    {
        null => [],
        string => [result],
        IEnumerable many => many.Cast<object?>().OfType<object>(),
        _ => [result],
    };
}
