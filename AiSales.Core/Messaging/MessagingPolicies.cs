using Npgsql;
using Wolverine;
using Wolverine.ErrorHandling;

namespace AiSales.Core.Messaging;

/// <summary>
/// Error policies for every handler, declared once. Database blips are retried inline a couple of
/// times (they usually clear in milliseconds), then durably with backoff; anything else falls
/// through to the default schedule (1 s, 5 s, 30 s, 2 min, 10 min, with jitter) and then the
/// dead-letter table, where operators can see and replay it.
/// </summary>
public static class MessagingPolicies
{
    public static void Apply(WolverineOptions opts)
    {
        opts.Policies.OnException<NpgsqlException>(ex => ex.IsTransient)
            .RetryWithCooldown(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250))
            .Then.ScheduleRetry(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(5))
            .Then.MoveToErrorQueue();
        // Another order took the stock while this reply was drafted: draft it again from the catalog as it is now.
        opts.Policies.OnException<Ai.Replies.StockChangedException>()
            .RetryTimes(3)
            .Then.MoveToErrorQueue();
        opts.Policies.OnException<TimeoutException>()
            .RetryWithCooldown(TimeSpan.FromMilliseconds(100))
            .Then.ScheduleRetry(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2))
            .Then.MoveToErrorQueue();
    }
}
