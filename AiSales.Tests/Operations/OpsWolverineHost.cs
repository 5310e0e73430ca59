using System.Collections.Concurrent;
using AiSales.Core.Messaging;
using JasperFx.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Postgresql;
using Wolverine.Runtime.Handlers;

namespace AiSales.Tests.Operations;

/// <summary>Sent to the "inbound" queue by the ops tests; nothing handles it, so it stays waiting there.</summary>
public sealed record OpsProbe(int Number);

/// <summary>Sent to the reply lane's durable local queue (local://worker-replies/), as a Worker's own follow-ups are; a
/// sender never runs it, so a scheduled one stays in Wolverine's inbox, overdue once its time passes.</summary>
public sealed record OpsLocalProbe(int Number);

/// <summary>Handled by <see cref="OpsAlwaysFailsHandler"/>, which always throws: a dead letter on the first attempt.</summary>
public sealed record OpsAlwaysFails(int Number);

public sealed class OpsFailure(string message) : Exception(message);

public static class OpsAlwaysFailsHandler
{
    private static readonly ConcurrentDictionary<int, int> CallsByNumber = new();

    /// <summary>Times a message with this number reached the handler (numbers are unique per test).</summary>
    public static int Calls(int number) => CallsByNumber.GetValueOrDefault(number);

    // A rule on the chain itself is evaluated before the service's global error policies (MessagingPolicies), so the
    // first failure goes to the dead letters whatever retries those policies give other exceptions.
    public static void Configure(HandlerChain chain) => chain.OnException<OpsFailure>().MoveToErrorQueue();

    public static void Handle(OpsAlwaysFails message)
    {
        CallsByNumber.AddOrUpdate(message.Number, 1, (_, n) => n + 1);
        throw new OpsFailure($"boom {message.Number}");
    }
}

/// <summary>
/// Hosts with the services' own Wolverine setup (AddMessaging: same store, schema and transport as Webhooks), plus the
/// test message routes. A worker also listens to "inbound" and handles <see cref="OpsAlwaysFails"/>, nothing else.
/// </summary>
public static class OpsWolverineHost
{
    public static IHost Sender(string connectionString, Action<IServiceCollection>? services = null) =>
        Build(connectionString, consume: false, services);

    public static IHost Worker(string connectionString) => Build(connectionString, consume: true);

    private static IHost Build(string connectionString, bool consume, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["ConnectionStrings:aisales"] = connectionString;
        builder.AddMessaging(consume, opts =>
        {
            opts.ApplicationAssembly = typeof(OpsAlwaysFailsHandler).Assembly;
            opts.Discovery.DisableConventionalDiscovery();
            opts.PublishMessage<OpsProbe>().ToPostgresqlQueue("inbound");
            opts.PublishMessage<OpsAlwaysFails>().ToPostgresqlQueue("inbound");
            opts.PublishMessage<OpsLocalProbe>().ToLocalQueue(MessageQueues.LocalName(MessageQueues.Replies));
            opts.LocalQueue(MessageQueues.LocalName(MessageQueues.Replies)).UseDurableInbox();
            if (consume)
            {
                opts.Discovery.IncludeType(typeof(OpsAlwaysFailsHandler));
                opts.ListenToPostgresqlQueue("inbound"); // the same endpoint if AddMessaging listens already
            }
        });
        // Queue and store tables exist before the first send, whichever host starts first (AddMessaging's setup).
        services?.Invoke(builder.Services);
        return builder.Build();
    }
}
