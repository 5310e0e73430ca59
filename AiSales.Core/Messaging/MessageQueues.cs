using JasperFx.Core;
using Microsoft.Extensions.Configuration;
using Wolverine;
using Wolverine.Postgresql;

namespace AiSales.Core.Messaging;

/// <summary>
/// The Worker's four lanes, declared in one place. Each lane exists twice under the same name: a queue on Wolverine's
/// PostgreSQL transport (in the database the rows live in), which is how Webhooks and Dashboard hand work to the Workers,
/// and a durable local queue in each Worker, which is where a Worker's own follow-ups go (a delivery's GenerateReply, a
/// reply's SendMessage). A local message is stored once, in Wolverine's inbox in the transaction that creates it, and run
/// by the Worker that created it, with no trip through a queue table; a crashed Worker's inbox rows are recovered by
/// another Worker's durability agent. Separate lanes replace priorities: each has its own listeners and parallelism, so
/// a flood of webhooks never waits behind model calls and a drafted reply is sent without waiting for either.
/// </summary>
public static class MessageQueues
{
    /// <summary>Stored webhook deliveries to split and run through the inbound pipeline (database work only).</summary>
    public const string Inbound = "inbound";

    /// <summary>Replies to draft (a model call of a second or more when an LLM is configured) and hand-backs to the AI.</summary>
    public const string Replies = "replies";

    /// <summary>Sends to Meta and their follow-ups (one HTTP call each, rate-limited per channel).</summary>
    public const string Sends = "sends";

    /// <summary>Which queue each message type goes to.</summary>
    public static readonly IReadOnlyDictionary<Type, string> QueueOf = new Dictionary<Type, string>
    {
        [typeof(ProcessWebhookDelivery)] = Inbound,
        [typeof(ProcessWebhookDeliveryBatch)] = Inbound,
        [typeof(GenerateReply)] = Replies,
        [typeof(HandBackToAi)] = Replies,
        [typeof(HandleStaffMessage)] = Replies,
        [typeof(SendMessage)] = Sends,
        [typeof(ReconcileSend)] = Sends,
        [typeof(ChannelReconnected)] = Sends,
        [typeof(SendStaffMessage)] = Sends,
        // Lead ads: the Graph read of a lead form submission.
        [typeof(FetchLeadForm)] = Integrations,
        // Odoo: pushes and Odoo's webhook notifications.
        [typeof(SyncToOdoo)] = Integrations,
        [typeof(ProcessOdooWebhook)] = Integrations,
        // Conversions API: order events to Meta.
        [typeof(SendConversionEvent)] = Integrations,
        // Meta catalog sync: items_batch sends and their status reads.
        [typeof(SyncMetaCatalog)] = Integrations,
    };

    /// <summary>
    /// Calls to the merchant's other systems (Odoo, Graph lead reads, Marketing API insights): slow, rate-limited and
    /// failing on their own schedule, so they never hold up a reply or a send.
    /// </summary>
    public const string Integrations = "integrations";

    public static IReadOnlyList<string> All { get; } = [Inbound, Replies, Sends, Integrations];

    /// <summary>
    /// Where each message goes; applied by every service. A Worker (<paramref name="local"/>) keeps what it publishes in its
    /// own durable local queues; a service that only publishes (Webhooks, Dashboard) sends it to the PostgreSQL queue of
    /// the same lane, which every Worker listens on.
    /// </summary>
    public static void Route(WolverineOptions opts, bool local)
    {
        foreach (var (type, queue) in QueueOf)
        {
            if (local) opts.PublishMessage(type).ToLocalQueue(LocalName(queue));
            else opts.PublishMessage(type).ToPostgresqlQueue(queue);
        }
    }

    /// <summary>
    /// The Worker's listeners: per lane the PostgreSQL queue (work from other services) and the durable local queue (the
    /// Worker's own follow-ups). Parallelism is per listener and per Worker process (Messaging:Queues:&lt;queue&gt;:Parallelism).
    /// Handlers wait rather than compute (database round trips, an HTTP call, a model completion), and database sessions
    /// are capped separately (HandlerConnections), so the reply lane is wide enough to keep a slow model from
    /// queueing replies behind each other.
    /// </summary>
    public static void Listen(WolverineOptions opts, IConfiguration configuration)
    {
        Listener(opts, configuration, Inbound, parallelism: 32);
        Listener(opts, configuration, Replies, parallelism: 256);
        Listener(opts, configuration, Sends, parallelism: 64);
        Listener(opts, configuration, Integrations, parallelism: 16);
    }

    private static void Listener(WolverineOptions opts, IConfiguration configuration, string queue, int parallelism)
    {
        var section = configuration.GetSection($"Messaging:Queues:{queue}");
        parallelism = section.GetValue("Parallelism", parallelism);
        opts.ListenToPostgresqlQueue(queue)
            // A poll takes up to this many; notifications wake the listener as soon as a row lands, the poll is the fallback.
            .MaximumMessagesToReceive(section.GetValue("BatchSize", 100))
            .PollingInterval(section.GetValue("PollingInterval", 1.Seconds()))
            .MaximumParallelMessages(parallelism);
        // Durable: the envelope is an inbox row written in the publisher's transaction (nothing is lost if the Worker dies
        // before or while handling it) and marked handled after the handler succeeded.
        opts.LocalQueue(LocalName(queue)).UseDurableInbox().MaximumParallelMessages(parallelism);
    }

    /// <summary>
    /// The name of a lane's durable local queue in a Worker (local://worker-replies/). Not the lane's own name: Wolverine
    /// keeps a system local queue called "replies" (request/reply responses, its in-memory scheduler), which must not
    /// take on the reply lane's durability and parallelism.
    /// </summary>
    public static string LocalName(string queue) => $"worker-{queue}";
}
