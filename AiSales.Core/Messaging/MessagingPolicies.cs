using JasperFx.Core;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime;

namespace AiSales.Core.Messaging;

/// <summary>
/// Error policies for every handler, declared once. Database blips are retried inline a couple of times (they usually
/// clear in milliseconds), then durably with backoff; anything else gets a durable schedule (1 s, 5 s, 30 s, 2 min,
/// 10 min) and then Wolverine's dead letters, where operators can see and replay it. A message's own last words before
/// it is dead-lettered (e.g. a send marks its message failed) are <see cref="IDeadLetterHook"/>s.
/// </summary>
public static class MessagingPolicies
{
    public static void Apply(WolverineOptions opts)
    {
        opts.Policies.OnException<NpgsqlException>(ex => ex.IsTransient)
            .RetryWithCooldown(50.Milliseconds(), 250.Milliseconds())
            .Then.ScheduleRetry(2.Seconds(), 10.Seconds(), 60.Seconds(), 5.Minutes())
            .Then.MoveToErrorQueue().And(RunDeadLetterHooksAsync, "dead-letter hooks");
        // What the handler read changed before it committed (e.g. another order took the stock while a reply was drafted):
        // run it again from a fresh read.
        opts.Policies.OnException<StaleStateException>()
            .RetryTimes(3)
            .Then.MoveToErrorQueue().And(RunDeadLetterHooksAsync, "dead-letter hooks");
        opts.Policies.OnException<TimeoutException>()
            .RetryWithCooldown(100.Milliseconds())
            .Then.ScheduleRetry(5.Seconds(), 30.Seconds(), 2.Minutes())
            .Then.MoveToErrorQueue().And(RunDeadLetterHooksAsync, "dead-letter hooks");
        opts.Policies.OnAnyException()
            .ScheduleRetry(1.Seconds(), 5.Seconds(), 30.Seconds(), 2.Minutes(), 10.Minutes())
            .Then.MoveToErrorQueue().And(RunDeadLetterHooksAsync, "dead-letter hooks");
    }

    private static async ValueTask RunDeadLetterHooksAsync(IWolverineRuntime runtime, IEnvelopeLifecycle lifecycle, Exception exception)
    {
        if (lifecycle.Envelope is not { Message: { } message } envelope) return;
        foreach (var hook in runtime.Services.GetServices<IDeadLetterHook>())
        {
            try
            {
                await hook.DeadLetteredAsync(message, envelope.Attempts, exception);
            }
            catch (Exception hookFailure)
            {
                // The dead letter is recorded either way; a failing hook must not keep the message from getting there.
                runtime.Logger.LogHookFailure(hookFailure, hook.GetType().Name, envelope.MessageType);
            }
        }
    }
}

/// <summary>Runs as a message is moved to the dead letters, after its last attempt failed.</summary>
public interface IDeadLetterHook
{
    /// <param name="message">The failed message (a hook ignores types it does not handle).</param>
    /// <param name="attempts">How many times it was tried.</param>
    Task DeadLetteredAsync(object message, int attempts, Exception exception);
}

internal static partial class MessagingPolicyLog
{
    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Error,
        Message = "Dead-letter hook {Hook} failed for a {MessageType} message")]
    public static partial void LogHookFailure(this Microsoft.Extensions.Logging.ILogger logger, Exception exception, string hook, string? messageType);
}
