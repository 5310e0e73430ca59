using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Core;
using JasperFx.Resources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Wolverine;
using Wolverine.Postgresql;

namespace AiSales.Core.Messaging;

public static class MessagingHostingExtensions
{
    /// <summary>Schema of Wolverine's own tables (envelopes, nodes, dead letters, the queues' tables).</summary>
    public const string Schema = "wolverine";

    /// <summary>
    /// Wolverine on the service's own Postgres (the "aisales" database): durable inbox/outbox, node agents and the
    /// PostgreSQL transport's queues (<see cref="MessageQueues"/>). Every service routes; only the Worker passes
    /// <paramref name="consume"/> = true and listens. Messages leave a service through <see cref="PostgresOutbox"/>, in
    /// the transaction that writes the rows they are about.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(this IHostApplicationBuilder builder, bool consume = false,
        Action<WolverineOptions>? configure = null)
    {
        var connectionString = builder.Configuration.GetConnectionString("aisales")
            ?? throw new InvalidOperationException("ConnectionStrings:aisales is required (env ConnectionStrings__aisales).");
        builder.UseWolverine(opts =>
        {
            opts.ServiceName = builder.Environment.ApplicationName;
            opts.UsePostgresqlPersistenceAndTransport(WolverineConnectionString(connectionString), Schema, Schema)
                .AutoProvision()
                .EnableQueueNotifications();
            MessageQueues.Route(opts, local: consume);
            MessagingPolicies.Apply(opts);
            ApplyDurability(opts.Durability);
            // Handler code is pre-generated into the Worker (Internal/Generated, `dotnet run -- codegen write` after a handler
            // changes): production loads only that (Static: a stale copy fails the start instead of compiling); elsewhere it
            // is used when it matches and compiled with Roslyn at start when it does not (docs/messaging.md).
            opts.UseRuntimeCompilation();
            opts.CodeGeneration.TypeLoadMode = builder.Configuration.GetValue("Messaging:TypeLoadMode",
                builder.Environment.IsProduction() ? TypeLoadMode.Static : TypeLoadMode.Auto);
            if (consume)
            {
                MessageQueues.Listen(opts, builder.Configuration);
            }
            else
            {
                opts.Discovery.DisableConventionalDiscovery();
                // Services that only send (Webhooks, Dashboard) share the store with the Workers but must not run its
                // durability agent: that agent moves recovered and replayed messages into the inbox of the queue they were
                // received on, and only a node listening on that queue can take them from there. On a sender they stayed
                // in the inbox ("no listening endpoint"). A sender's own outbox left by a crash is recovered by a Worker.
                opts.Durability.DurabilityAgentEnabled = false;
                opts.Durability.LeadershipEligible = false;
            }
            configure?.Invoke(opts);
            // Operators tune Wolverine's durability agent without a rebuild (Messaging:Durability:ScheduledJobPollingTime,
            // :HealthCheckPollingTime, ...); configuration wins over the coded defaults.
            builder.Configuration.GetSection("Messaging:Durability").Bind(opts.Durability);
            if (!consume) TakeNoScheduledMessages(opts);
        });
        // Wolverine's tables are created at start by whichever service starts first, not by the durability agent; a
        // service that collides with another doing the same sets up again (RetryingResourceSetup).
        RetryingResourceSetup.Add(builder.Services);
        builder.Services.AddSingleton<PostgresOutbox>();
        return builder;
    }

    /// <summary>
    /// A service that only sends (Webhooks, Dashboard) must never take a due scheduled message out of the store: it has no
    /// handler for it. Wolverine runs a scheduled-message poller of its own on every node whose durability agent is
    /// disabled (MessageDatabase.StartScheduledJobs), and that poller hands what it promotes to the node's own endpoint
    /// for the message's address. For a Worker's durable local queue (local://worker-replies/) that is a local queue on the
    /// sender with no handler, where Wolverine marks the message handled without running anything: a debounced reply
    /// would be lost whenever a sender's poll won the lock. Workers' durability agent promotes every due message,
    /// whoever scheduled it, so senders do not poll at all (the timer never fires; set after configuration, which must not
    /// turn it back on); and a message that reaches a sender anyway is a dead letter an operator sees, not a silent
    /// "handled".
    /// </summary>
    private static void TakeNoScheduledMessages(WolverineOptions opts)
    {
        opts.Durability.ScheduledJobFirstExecution = Timeout.InfiniteTimeSpan;
        opts.Durability.ScheduledJobPollingTime = Timeout.InfiniteTimeSpan;
        opts.UnknownMessageBehavior = UnknownMessageBehavior.DeadLetterQueue;
    }

    /// <summary>
    /// The connection string of Wolverine's own pool (its inbox/outbox statements, the queues' pops and moves), tuned as
    /// the services' own pools are (StatelessSessionTuning). Wolverine opens a pooled connection for each of those
    /// operations and runs the same few statements for every message; with Npgsql's defaults each checkout first resets
    /// the session (DISCARD ALL) and each statement is parsed and planned again (pg_stat_statements: plans = calls), so
    /// they are kept prepared and without the reset (the saving: docs/BENCHMARKS.md, "Settings and the figures behind
    /// them"). That is safe because Wolverine leaves no session state on the connections it returns:
    /// its advisory locks and LISTEN live on dedicated connections it keeps open, unlocked before they are closed; a
    /// connection lost with them ends its session, which drops them. An operator's own Max Auto Prepare wins.
    /// </summary>
    internal static string WolverineConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true };
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = WolverineAutoPreparedStatements;
        return builder.ConnectionString;
    }

    /// <summary>Statements kept prepared per connection of Wolverine's pool: its hot statements plus the positions of its
    /// batched mark-as-handled updates.</summary>
    internal const int WolverineAutoPreparedStatements = 64;

    /// <summary>
    /// Faster than Wolverine's defaults where a customer waits: scheduled messages (the reply debounce, hand-backs) are
    /// due within half a second, a crashed node's work is taken over within seconds instead of minutes, and nothing
    /// stays in a live publisher's outbox.
    /// </summary>
    private static void ApplyDurability(DurabilitySettings durability)
    {
        durability.ScheduledJobPollingTime = 500.Milliseconds();
        durability.ScheduledJobFirstExecution = 500.Milliseconds();
        // A dead Worker's messages wait under its node until a live node finds its heartbeat older than StaleNodeTimeout:
        // 5 s (five missed 1 s heartbeats, written on a loop of their own) puts a restarted Worker back to work ~8 s
        // after a SIGKILL instead of ~13 s (docs/RELIABILITY.md). A live node wrongly declared dead only makes its
        // messages run twice, which every handler and the send ledger absorb.
        durability.HealthCheckPollingTime = 1.Seconds();
        durability.FirstHealthCheckExecution = 500.Milliseconds();
        durability.StaleNodeTimeout = 5.Seconds();
        durability.NodeReassignmentPollingTime = 2.Seconds();
        durability.FirstNodeReassignmentExecution = 1.Seconds();
        durability.CheckAssignmentPeriod = 2.Seconds();
        // A publisher (Webhooks, Dashboard) runs no durability agent: an envelope whose hand-over to its queue failed
        // (Postgres went down between the commit and the send) would wait under its live node until that process died.
        // A Worker's agent sends outbox envelopes this old whoever owns them; the hand-over itself takes milliseconds.
        durability.OutboxStaleTime = 30.Seconds();
        // Handled inbox rows are kept this long to refuse a redelivered envelope id. Every PostgreSQL listener poll runs
        // a dedupe statement against the inbox (`delete from <queue> where id in (select id from <inbox> where
        // received_at = ...)`, no index on the address), which Postgres often answers with a scan of the whole inbox:
        // 5–16 ms a call with ~40,000 rows (docs/BENCHMARKS.md). Its cost grows with the retained rows, ~4 per customer
        // message, so the five-minute default would hold ~250,000 at 200 messages/s. Redeliveries here come within
        // seconds (a retried hand-over, a crashed Worker's pop), and every handler is idempotent besides.
        durability.KeepAfterMessageHandling = 1.Minutes();
    }
}
