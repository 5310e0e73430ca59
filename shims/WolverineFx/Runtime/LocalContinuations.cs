using Wolverine.Postgresql;

namespace Wolverine.Runtime;

/// <summary>
/// Jobs a running handler enqueues through the outbox that this node will run itself, in the same worker slot, right
/// after the handler: the reply a processed webhook asks for, the send a drafted reply asks for. They are still
/// durable jobs — inserted in the caller's transaction, but already leased to this node (status running, attempt 1) —
/// so the fetch round trip, the NOTIFY and the wake-up latency disappear while a crash still leaves a row that lease
/// recovery hands to any node. This is Wolverine's durable local queue behaviour in our shim.
/// <para>
/// A claim becomes runnable only when the caller says its transaction committed (<see cref="OutboxEnlistment.Committed"/>).
/// Claims never confirmed (rolled back, or a caller that does not report its commit) are released after the handler:
/// a no-op for a row that never existed, back to waiting with the attempt refunded for one that did. Nothing is lost
/// either way; the worst case is the ordinary fetch path.
/// </para>
/// </summary>
internal sealed class LocalContinuations
{
    /// <summary>Per handler run: a chain, not a fan-out — more follow-ups than this go through the queue and run in parallel.</summary>
    public const int MaxClaimsPerHandler = 2;

    private static readonly AsyncLocal<LocalContinuations?> CurrentScope = new();
    private readonly List<(LeasedJob Job, bool Committed)> _claims = [];
    private readonly Lock _lock = new();
    private bool _taken;

    /// <summary>The scope of the handler running on this async flow, if this node's listener is running one.</summary>
    public static LocalContinuations? Current
    {
        get => CurrentScope.Value;
        set => CurrentScope.Value = value;
    }

    /// <summary>Claims what fits: jobs due now with exactly one local handler, up to <see cref="MaxClaimsPerHandler"/>.</summary>
    public List<OutgoingJob> TryClaim(IReadOnlyList<OutgoingJob> jobs, HandlerGraph handlers)
    {
        var claimed = new List<OutgoingJob>();
        lock (_lock)
        {
            foreach (var job in jobs)
            {
                // After Take (the handler returned; e.g. a task it left running enqueues later) nothing runs or releases
                // a claim any more: such enqueues go the ordinary way.
                if (_taken || _claims.Count >= MaxClaimsPerHandler) break;
                if (job.Delay > TimeSpan.Zero || job.Handler is not null || handlers.HandlersFor(job.MessageType).Count != 1) continue;
                _claims.Add((LeasedJob.ClaimedAtInsert(job), false));
                claimed.Add(job);
            }
        }
        return claimed;
    }

    public void MarkCommitted(IReadOnlyList<OutgoingJob> jobs)
    {
        lock (_lock)
        {
            for (var i = 0; i < _claims.Count; i++)
                if (jobs.Any(j => j.Id == _claims[i].Job.Id)) _claims[i] = (_claims[i].Job, true);
        }
    }

    /// <summary>After the handler: what to run next, and what to hand back to the queue.</summary>
    public (List<LeasedJob> Ready, Guid[] Unconfirmed) Take()
    {
        lock (_lock)
        {
            var ready = _claims.Where(c => c.Committed).Select(c => c.Job).ToList();
            var unconfirmed = _claims.Where(c => !c.Committed).Select(c => c.Job.Id).ToArray();
            _claims.Clear();
            _taken = true;
            return (ready, unconfirmed);
        }
    }
}
