namespace AiSales.Worker;

/// <summary>
/// How many Postgres sessions the Worker's handlers share (the queue's own fetch/complete pool is separate).
/// <para>
/// Handlers are chains of short round trips, each opening a pooled connection and returning it before any HTTP or LLM
/// call, so hundreds of handlers are served by far fewer sessions. Without a cap Npgsql's pool, which hands out idle
/// connections first-in-first-out, keeps one session per busy handler warm; a cap keeps far fewer at the same Postgres
/// CPU per message (docs/BENCHMARKS.md, "Settings and the figures behind them"). Each session is server memory, a slot of the server's
/// connection limit for every Worker replica, and a set of cached plans and relation entries that each autovacuum or
/// analyze of a hot table invalidates in all sessions at once.
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
