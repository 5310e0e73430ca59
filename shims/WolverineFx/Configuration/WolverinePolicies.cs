using Wolverine.ErrorHandling;

namespace Wolverine;

/// <summary>Global error policies, evaluated in the order they were declared.</summary>
public sealed class WolverinePolicies
{
    internal List<FailureRule> FailureRules { get; } = [];

    /// <summary>
    /// Used when no rule matches: durable retries after these delays (each stretched by 0–10 % jitter
    /// so a burst of failures does not retry in lockstep), then the dead-letter table.
    /// A message type's MaximumAttempts caps it further.
    /// </summary>
    public List<TimeSpan> DefaultRetrySchedule { get; } =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)];

    public PolicyExpression OnException<T>(Func<T, bool>? filter = null) where T : Exception
    {
        var rule = new FailureRule(ex => ex is T typed && (filter is null || filter(typed)));
        FailureRules.Add(rule);
        return new PolicyExpression(rule);
    }

    public PolicyExpression OnAnyException() => OnException<Exception>();

    /// <summary>Decides the continuation for a failure on attempt <paramref name="attempt"/> (1-based).</summary>
    internal FailureAction Determine(Exception ex, int attempt, int maxAttempts)
    {
        var inner = ex is AggregateException { InnerExceptions.Count: 1 } agg ? agg.InnerException! : ex;
        foreach (var rule in FailureRules)
            if (rule.Matches(inner))
                return rule.ActionFor(attempt);

        if (attempt >= maxAttempts || attempt > DefaultRetrySchedule.Count)
            return new FailureAction(FailureActionKind.MoveToErrorQueue);
        var nominal = DefaultRetrySchedule[attempt - 1];
        return new FailureAction(FailureActionKind.ScheduleRetry, nominal + nominal * (Random.Shared.NextDouble() * 0.1));
    }
}
