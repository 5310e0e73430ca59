namespace Wolverine.ErrorHandling;

/// <summary>What to do with a message whose handler threw.</summary>
public enum FailureActionKind { RetryInline, ScheduleRetry, MoveToErrorQueue, Discard }

/// <summary>One "slot": the action for one attempt number.</summary>
public sealed record FailureAction(FailureActionKind Kind, TimeSpan Delay = default);

/// <summary>An exception filter plus ordered slots; slot i answers attempt i+1.</summary>
public sealed class FailureRule(Func<Exception, bool> matches)
{
    internal List<FailureAction> Slots { get; } = [];

    public bool Matches(Exception ex) => matches(ex);

    /// <summary>The slot for <paramref name="attempt"/> (1-based); dead letter once slots run out.</summary>
    public FailureAction ActionFor(int attempt) =>
        attempt >= 1 && attempt <= Slots.Count ? Slots[attempt - 1] : new FailureAction(FailureActionKind.MoveToErrorQueue);
}

public interface IFailureActions
{
    /// <summary>Retry inside the same delivery after each delay (also applies to InvokeAsync).</summary>
    IAdditionalActions RetryWithCooldown(params TimeSpan[] delays);

    /// <summary>Retry immediately, inline, <paramref name="attempts"/> times.</summary>
    IAdditionalActions RetryTimes(int attempts);

    /// <summary>Release the job back to the queue with run_at = now + delay, once per delay.</summary>
    IAdditionalActions ScheduleRetry(params TimeSpan[] delays);

    IAdditionalActions MoveToErrorQueue();

    IAdditionalActions Discard();
}

public interface IAdditionalActions
{
    IFailureActions Then { get; }
}

/// <summary>Returned by <c>opts.Policies.OnException&lt;T&gt;()</c>.</summary>
public sealed class PolicyExpression(FailureRule rule) : IFailureActions, IAdditionalActions
{
    public IFailureActions Then => this;

    public IAdditionalActions RetryWithCooldown(params TimeSpan[] delays) =>
        AddEach(delays, d => new FailureAction(FailureActionKind.RetryInline, d));

    public IAdditionalActions RetryTimes(int attempts) =>
        AddEach(Enumerable.Repeat(TimeSpan.Zero, attempts), d => new FailureAction(FailureActionKind.RetryInline, d));

    public IAdditionalActions ScheduleRetry(params TimeSpan[] delays) =>
        AddEach(delays, d => new FailureAction(FailureActionKind.ScheduleRetry, d));

    public IAdditionalActions MoveToErrorQueue() => AddEach([TimeSpan.Zero], _ => new FailureAction(FailureActionKind.MoveToErrorQueue));

    public IAdditionalActions Discard() => AddEach([TimeSpan.Zero], _ => new FailureAction(FailureActionKind.Discard));

    private PolicyExpression AddEach(IEnumerable<TimeSpan> delays, Func<TimeSpan, FailureAction> create)
    {
        rule.Slots.AddRange(delays.Select(create));
        return this;
    }
}
