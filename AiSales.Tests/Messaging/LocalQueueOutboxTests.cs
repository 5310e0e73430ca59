using System.Collections.Concurrent;
using AiSales.Core.Messaging;
using AiSales.Tests.Channels;
using AiSales.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine.Persistence.Durability.ScheduledMessageManagement;
using Wolverine.Runtime;
using Wolverine.Util;
using Xunit.Abstractions;

namespace AiSales.Tests.Messaging;

/// <summary>Published by <see cref="LocalQueueOutboxTests"/> to the Worker's durable local queue of the "replies" lane.</summary>
public sealed record LocalProbe(Guid Id);

public static class LocalProbeHandler
{
    private static readonly ConcurrentDictionary<Guid, int> CallsById = new();

    /// <summary>Times the handler ran for this probe (ids are unique per test).</summary>
    public static int Calls(Guid id) => CallsById.GetValueOrDefault(id);

    public static void Handle(LocalProbe probe) => CallsById.AddOrUpdate(probe.Id, 1, (_, n) => n + 1);
}

/// <summary>
/// A Worker's own follow-ups go to durable local queues through <see cref="OutboxMessages"/>: the envelope is an inbox row
/// written in the app's transaction, and the message runs after the commit, or when due if it was scheduled, exactly once,
/// and its row ends Handled. Hosts here set up Wolverine as the Worker does (AddMessaging, consume: true) on a database
/// of their own.
/// </summary>
public sealed class LocalQueueOutboxTests(ITestOutputHelper output) : IAsyncLifetime
{
    private string _cs = "";
    private readonly List<(IHost Host, CapturingLoggerProvider Logs)> _hosts = [];

    public async Task InitializeAsync() => _cs = await (await TestInfrastructure.GetAsync()).CreateMigratedDatabaseAsync("localq");

    public async Task DisposeAsync()
    {
        foreach (var (host, logs) in _hosts)
        {
            // What happened to the probes (a node without the handler says "No known handler for ...LocalProbe"), and trouble.
            foreach (var line in logs.Lines.Where(l => l.Contains("LocalProbe#", StringComparison.Ordinal) && !l.StartsWith("Debug", StringComparison.Ordinal)
                         || l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal)).Take(100))
                output.WriteLine(line);
            try { await host.StopAsync(); } catch (ObjectDisposedException) { }
            host.Dispose();
        }
        await (await TestInfrastructure.GetAsync()).DropDatabaseAsync(_cs);
    }

    [Fact]
    public async Task An_immediate_message_runs_once_after_the_commit_and_its_row_ends_handled()
    {
        var worker = await StartWorkerAsync();
        var id = Guid.NewGuid();

        await PublishAsync(worker, new LocalProbe(id), options: null);

        await Eventually.UntilAsync(async () => LocalProbeHandler.Calls(id) == 1 && await StatusAsync(id) == "Handled",
            "the probe handled once and its inbox row Handled");
        Assert.Equal(1, LocalProbeHandler.Calls(id));
    }

    [Fact]
    public async Task A_scheduled_message_runs_once_when_due_and_its_row_ends_handled()
    {
        var worker = await StartWorkerAsync();
        var id = Guid.NewGuid();

        await PublishAsync(worker, new LocalProbe(id), Delivery.After(TimeSpan.FromSeconds(1)));
        Assert.Equal("Scheduled", await StatusAsync(id));
        Assert.Equal(0, LocalProbeHandler.Calls(id));

        await Eventually.UntilAsync(async () => LocalProbeHandler.Calls(id) >= 1 && await StatusAsync(id) == "Handled",
            "the scheduled probe handled and its inbox row Handled");
        Assert.Equal(1, LocalProbeHandler.Calls(id));
    }

    [Fact]
    public async Task Many_scheduled_messages_all_run_once()
    {
        var worker = await StartWorkerAsync();
        var ids = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToList();

        await Task.WhenAll(ids.Select(id => PublishAsync(worker, new LocalProbe(id), Delivery.After(TimeSpan.FromSeconds(1)))));

        await Eventually.UntilAsync(async () => ids.All(id => LocalProbeHandler.Calls(id) >= 1) && await HandledCountAsync() == ids.Count,
            "every scheduled probe handled and its inbox row Handled");
        Assert.All(ids, id => Assert.Equal(1, LocalProbeHandler.Calls(id)));
    }

    [Fact]
    public async Task A_scheduled_message_whose_worker_died_before_it_was_due_runs_once_on_another_worker()
    {
        // A publisher (Webhooks, Dashboard) shares the store and runs no handlers.
        var sender = await StartHostAsync(consume: false);
        var first = await StartWorkerAsync();
        var id = Guid.NewGuid();
        await PublishAsync(first, new LocalProbe(id), Delivery.After(TimeSpan.FromHours(1)));
        Assert.Equal("Scheduled", await StatusAsync(id));

        await first.StopAsync();
        await MakeDueAsync(sender);
        await StartWorkerAsync();

        // Whichever node takes it when it falls due settles its row: Handled only after a handler ran.
        await Eventually.UntilAsync(async () => await StatusAsync(id) is "Handled" or null, "the probe's inbox row settled");
        Assert.Equal("Handled", await StatusAsync(id));
        Assert.Equal(1, LocalProbeHandler.Calls(id));
    }

    [Fact]
    public async Task Scheduled_messages_run_once_on_the_worker_while_a_publisher_shares_the_store()
    {
        await StartHostAsync(consume: false);
        var worker = await StartWorkerAsync();
        var ids = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToList();

        await Task.WhenAll(ids.Select(id => PublishAsync(worker, new LocalProbe(id), Delivery.After(TimeSpan.FromSeconds(1)))));

        await Eventually.UntilAsync(async () => await UnsettledCountAsync() == 0, "every probe's inbox row settled");
        Assert.Equal(ids.Count, await HandledCountAsync());
        Assert.All(ids, id => Assert.Equal(1, LocalProbeHandler.Calls(id)));
    }

    private Task<IHost> StartWorkerAsync() => StartHostAsync(consume: true);

    private async Task<IHost> StartHostAsync(bool consume)
    {
        var logs = new CapturingLoggerProvider();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(logs);
        builder.Configuration["ConnectionStrings:aisales"] = _cs;
        builder.AddMessaging(consume, opts =>
        {
            opts.ApplicationAssembly = typeof(LocalProbeHandler).Assembly;
            opts.Discovery.DisableConventionalDiscovery();
            if (!consume) return;
            opts.Discovery.IncludeType(typeof(LocalProbeHandler));
            // Routed as a Worker routes its own follow-ups: to the durable local queue of a lane.
            opts.PublishMessage<LocalProbe>().ToLocalQueue(MessageQueues.LocalName(MessageQueues.Replies));
        });
        var host = builder.Build();
        _hosts.Add((host, logs));
        await host.StartAsync();
        return host;
    }

    /// <summary>As the Worker's handlers publish: the message is stored in the app's transaction, sent after the commit.</summary>
    private async Task PublishAsync(IHost host, object message, Wolverine.DeliveryOptions? options)
    {
        var outbox = host.Services.GetRequiredService<PostgresOutbox>().Begin();
        outbox.Add(message, options);
        await using var conn = new NpgsqlConnection(_cs);
        await conn.OpenAsync();
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await outbox.StoreAsync(tx, default);
            await tx.CommitAsync();
        }
        await outbox.SentAsync();
    }

    /// <summary>Makes the scheduled probes due now, through Wolverine's scheduled-message API.</summary>
    private static async Task MakeDueAsync(IHost host)
    {
        var scheduled = host.Services.GetRequiredService<IWolverineRuntime>().Storage.ScheduledMessages;
        var waiting = await scheduled.QueryAsync(new ScheduledMessageQuery { MessageType = typeof(LocalProbe).ToMessageTypeName(), PageSize = 100 }, CancellationToken.None);
        Assert.NotEmpty(waiting.Messages);
        foreach (var message in waiting.Messages) await scheduled.RescheduleAsync(message.Id, DateTimeOffset.UtcNow, CancellationToken.None);
    }

    private async Task<string?> StatusAsync(Guid messageId) => await TestSql.ScalarAsync<string?>(_cs,
        "SELECT status FROM wolverine.wolverine_incoming_envelopes WHERE message_type = 'AiSales.Tests.Messaging.LocalProbe' " +
        "AND position(convert_to($1, 'UTF8') in body) > 0", messageId.ToString());

    private Task<long> UnsettledCountAsync() => TestSql.ScalarAsync<long>(_cs,
        "SELECT count(*) FROM wolverine.wolverine_incoming_envelopes WHERE status <> 'Handled' AND message_type = 'AiSales.Tests.Messaging.LocalProbe'");

    private Task<long> HandledCountAsync() => TestSql.ScalarAsync<long>(_cs,
        "SELECT count(*) FROM wolverine.wolverine_incoming_envelopes WHERE status = 'Handled' AND message_type = 'AiSales.Tests.Messaging.LocalProbe'");
}
