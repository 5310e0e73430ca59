namespace AiSales.Worker;

/// <summary>
/// How many Postgres sessions the Worker's handlers share (the queue's own fetch/complete pool is separate).
/// <para>
/// Handlers are chains of short round trips, each opening a pooled connection and returning it before any HTTP or LLM
/// call, so 32 handlers are served by far fewer sessions. Fewer is also faster on the server: each session keeps its
/// own prepared generic plans and relation cache entries, and the per-minute autovacuum/analyze of the hot tables
/// invalidates them in every session at once. Measured at 200 msg/s on 2 cores (bench/reply-cost.sh): with one
/// session per handler (36 in all) the p99 reached 210–460 ms in the minutes with such a round; with 10 it stayed
/// near the other minutes' (docs/BENCHMARKS.md, seventh round).
/// </para>
/// <para>
/// The rule that makes a cap safe: a handler never opens a second connection from this pool while holding one,
/// otherwise handlers holding the last connections would each wait for another (WorkerConnectionDisciplineTests runs the
/// pipeline on a pool of one). <c>Maximum Pool Size</c> in <c>ConnectionStrings:aisales</c> overrides the default.
/// </para>
/// </summary>
public static class HandlerConnections
{
    public const int Default = 10;
}
