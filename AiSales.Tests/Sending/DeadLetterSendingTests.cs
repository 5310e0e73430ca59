using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending;
using AiSales.Tests.Channels;
using AiSales.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Util;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Persistence.Durability.ScheduledMessageManagement;
using Wolverine.Postgresql.Transport;
using Wolverine.Runtime;
using Xunit;

namespace AiSales.Tests.Sending;

/// <summary>
/// A SendMessage job that ends in the dead letters: the message shows the failure, and an operator's replay of the dead
/// letter sends again only when nothing can have reached the platform (ledger pending), never when the outcome is unknown.
/// </summary>
public sealed class DeadLetterSendingTests
{
    /// <summary>A dependency that keeps failing before the claim (nothing sent, ledger pending) until it recovers.</summary>
    private sealed class FailBeforeClaim : SendFaultInjection
    {
        public volatile bool Broken = true;
        public int Failures;

        public override void BeforeClaim(Guid messageId)
        {
            if (!Broken) return;
            Interlocked.Increment(ref Failures);
            throw new InvalidOperationException("Simulated outage: Host=db.internal;Password=hunter2");
        }
    }

    private sealed class CrashAfterCall : SendFaultInjection
    {
        public override void AfterProviderCall(Guid messageId) =>
            throw new InvalidOperationException("Simulated crash between the provider call and the ledger update");
    }

    /// <summary>
    /// Fails before the claim on every attempt but the job's last; the last one claims, calls the platform and then fails
    /// (say the database blips while recording the answer): the job ends in the dead letters with the ledger "sending".
    /// </summary>
    private sealed class FailAfterTheCallOnTheLastAttempt : SendFaultInjection
    {
        public int FailuresBeforeClaim = int.MaxValue; // set from the job's maximum attempts once the host is up
        private int _beforeClaim;

        public override void BeforeClaim(Guid messageId)
        {
            if (Interlocked.Increment(ref _beforeClaim) <= FailuresBeforeClaim)
                throw new InvalidOperationException("Simulated outage before the claim");
        }

        public override void AfterProviderCall(Guid messageId) =>
            throw new InvalidOperationException("Simulated database blip after the provider call: Host=db.internal;Password=hunter2");
    }

    /// <summary>
    /// The database refuses a ReconcileSend job in whatever transaction tries to store it (a trigger on Wolverine's
    /// envelope tables), so it is the reconcile after a final failure that cannot be scheduled, nothing else.
    /// </summary>
    private static Task RefuseReconcileJobsAsync(EndToEndHost host) => host.ExecAsync($$"""
        CREATE FUNCTION refuse_reconcile_jobs() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN RAISE EXCEPTION 'Simulated outage: the queue refuses the job'; END $f$;
        CREATE TRIGGER refuse_reconcile_jobs BEFORE INSERT ON {{MessagingHostingExtensions.Schema}}.wolverine_incoming_envelopes
            FOR EACH ROW WHEN (NEW.message_type = '{{typeof(ReconcileSend).ToMessageTypeName()}}') EXECUTE FUNCTION refuse_reconcile_jobs();
        CREATE TRIGGER refuse_reconcile_jobs BEFORE INSERT ON {{MessagingHostingExtensions.Schema}}.wolverine_outgoing_envelopes
            FOR EACH ROW WHEN (NEW.message_type = '{{typeof(ReconcileSend).ToMessageTypeName()}}') EXECUTE FUNCTION refuse_reconcile_jobs();
        """);

    /// <summary>
    /// MessagingPolicies: any other exception is retried on a schedule of five delays, then dead-lettered, so a job
    /// runs at most six times.
    /// </summary>
    private const int MaxAttempts = 6;

    private static async Task<EndToEndHost> StartAsync(SendFaultInjection faults, Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? testServices = null)
    {
        var host = new EndToEndHost(settings, faults, testServices);
        await host.InitializeAsync();
        return host;
    }

    private static Task StopAsync(EndToEndHost host) => ((IAsyncLifetime)host).DisposeAsync();

    private static IWolverineRuntime Runtime(EndToEndHost host) => host.Services.GetRequiredService<IWolverineRuntime>();

    /// <summary>SendMessage dead letters not (yet) replayed, read through Wolverine's dead-letter API.</summary>
    private static async Task<List<DeadLetterEnvelope>> DeadSendsAsync(EndToEndHost host) =>
        (await Runtime(host).Storage.DeadLetters.QueryAsync(
            new DeadLetterEnvelopeQuery { MessageType = typeof(SendMessage).FullName, Replayable = false, PageSize = 100 }, CancellationToken.None)).Envelopes;

    /// <summary>The operator's replay of every SendMessage dead letter (Wolverine moves them back to their queue).</summary>
    private static async Task<int> ReplayDeadSendsAsync(EndToEndHost host)
    {
        var dead = await DeadSendsAsync(host);
        if (dead.Count > 0)
            await Runtime(host).Storage.DeadLetters.ReplayAsync(new DeadLetterEnvelopeQuery([.. dead.Select(d => d.Id)]), CancellationToken.None);
        return dead.Count;
    }

    /// <summary>The production retry schedule (1 s … 10 min) with the clock skipped (<see cref="QueueWork.MakeDueAsync{T}"/>).</summary>
    private static Task HurryAsync<T>(EndToEndHost host) => QueueWork.MakeDueAsync<T>(host.Services);

    private static Task WaitForStateAsync(EndToEndHost host, string state) =>
        Eventually.UntilAsync(async () => (string)(await host.OutboundAsync())[0]["state"]! == state, $"ledger {state}");

    /// <summary>Until <paramref name="count"/> SendMessage dead letters, skipping the retries' waits.</summary>
    private static Task WaitForDeadSendsAsync(EndToEndHost host, int count, string what) =>
        Eventually.UntilAsync(async () =>
        {
            await HurryAsync<SendMessage>(host);
            return (await DeadSendsAsync(host)).Count == count;
        }, what, TimeSpan.FromSeconds(120));

    [Fact]
    public async Task A_send_that_keeps_failing_is_dead_lettered_with_the_message_failed_and_a_replay_after_recovery_sends_exactly_once()
    {
        var faults = new FailBeforeClaim();
        var host = await StartAsync(faults);
        try
        {
            await host.DeliverAsync(ChannelPlatform.Instagram, EndToEndHost.IgText("mid.d1", "5101", "شكد سعر القميص", DateTimeOffset.UtcNow));
            await WaitForDeadSendsAsync(host, 1, "SendMessage dead-lettered");
            // Wolverine stores the dead letter, then runs the dead-letter hook that records it on the message.
            await WaitForStateAsync(host, "failed");

            var dead = Assert.Single(await DeadSendsAsync(host));
            Assert.Equal(MaxAttempts, dead.Envelope.Attempts);
            Assert.Equal(faults.Failures, dead.Envelope.Attempts); // the handler ran on every attempt, the last one included
            var row = Assert.Single(await host.OutboundAsync());
            Assert.Equal("failed", row["state"]);
            Assert.Equal("failed", row["status"]);
            Assert.Equal(SendStatusDetail.DeadLettered(dead.Envelope.Attempts), row["status_detail"]);
            Assert.Equal(SendErrorCodes.DeadLettered, row["error_code"]);
            Assert.Equal(0, row["attempts"]); // no provider call was ever made
            // What the merchant sees never carries the exception text (it may hold hosts or secrets).
            foreach (var shown in new[] { (string)row["status_detail"]!, (string)row["error_message"]! })
                Assert.DoesNotContain("hunter2", shown);
            Assert.DoesNotContain("hunter2", await host.ScalarAsync<string>("SELECT last_error FROM outbound_sends"));
            Assert.Empty(host.Graph.Requests);

            // Replayed while the outage lasts: revived, fails the same way on every attempt, failed and dead-lettered again.
            var failuresBefore = faults.Failures;
            Assert.Equal(1, await ReplayDeadSendsAsync(host));
            await Eventually.UntilAsync(() => Task.FromResult(faults.Failures > failuresBefore), "the replayed job ran");
            await WaitForDeadSendsAsync(host, 1, "replay during the outage dead-letters again");
            await WaitForStateAsync(host, "failed");
            Assert.Empty(host.Graph.Requests);
            Assert.Equal("failed", (await host.OutboundAsync())[0]["state"]);

            // The dependency recovers; the operator replays the dead letter: the message is sent, once.
            faults.Broken = false;
            Assert.Equal(1, await ReplayDeadSendsAsync(host));
            await Eventually.UntilAsync(async () => (string)(await host.OutboundAsync())[0]["state"]! == "sent", "replayed send sent");
            await host.WaitForQueueIdleAsync(typeof(SendMessage));

            var request = Assert.Single(host.Graph.Requests);
            row = Assert.Single(await host.OutboundAsync());
            Assert.Equal("sent", row["status"]);
            Assert.Null(row["error_code"]);
            Assert.Equal(1, row["attempts"]);
            Assert.Equal(row["idempotency_key"], request.IdempotencyMetadata);
            Assert.Empty(await DeadSendsAsync(host));

            // Any later copy of the job finds it sent.
            await host.InvokeAsync(new SendMessage((Guid)row["id"]!));
            Assert.Single(host.Graph.Requests);
        }
        finally
        {
            await StopAsync(host);
        }
    }

    [Fact]
    public async Task Replaying_a_dead_letter_whose_ledger_was_sending_does_not_send_again()
    {
        // Long reconcile checks so the row stays "sending" (outcome unknown) for the whole test.
        var host = await StartAsync(new CrashAfterCall(), new() { ["Sending:ReconcileDelays:0"] = "00:05:00" });
        try
        {
            await host.DeliverAsync(ChannelPlatform.Messenger, EndToEndHost.MessengerText("mid.d2", "6101", "شكد سعر القميص", DateTimeOffset.UtcNow));
            await Eventually.UntilAsync(async () => (await QueueWork.WaitingMessagesAsync<ReconcileSend>(host.Services)).Count == 1, "reconcile scheduled");
            await host.WaitForQueueIdleAsync(typeof(GenerateReply), typeof(SendMessage));
            var row = Assert.Single(await host.OutboundAsync());
            var messageId = (Guid)row["id"]!;
            Assert.Equal("sending", row["state"]);
            Assert.Single(host.Graph.Requests);

            // A dead letter for this very send that no dead-letter hook saw (say a process died while dead-lettering it),
            // stored through Wolverine's inbox API as its error handling stores one.
            var runtime = Runtime(host);
            var send = new SendMessage(messageId);
            var envelope = new Envelope(send)
            {
                MessageType = typeof(SendMessage).FullName,
                ContentType = "application/json",
                Data = runtime.Options.DefaultSerializer.WriteMessage(send),
                Destination = runtime.Options.Transports.OfType<PostgresqlTransport>().Single().Queues[MessageQueues.Sends].Uri,
                Attempts = 1,
            };
            await runtime.Storage.Inbox.MoveToDeadLetterStorageAsync(envelope,
                new InvalidOperationException("The process died while running it; not run again."));
            Assert.Single(await DeadSendsAsync(host));

            // Replayed, it runs: the ledger says "sending", so it schedules another reconcile instead of calling.
            Assert.Equal(1, await ReplayDeadSendsAsync(host));
            await Eventually.UntilAsync(async () => (await QueueWork.WaitingMessagesAsync<ReconcileSend>(host.Services)).Count == 2,
                "the replayed send ran and scheduled a reconcile");
            await host.WaitForQueueIdleAsync(typeof(SendMessage));

            Assert.Single(host.Graph.Requests); // never a second call for an unknown outcome
            row = Assert.Single(await host.OutboundAsync());
            Assert.Equal("sending", row["state"]);
            Assert.Equal(1, row["attempts"]);
            Assert.Equal("sending", row["status"]);
            Assert.Empty(await DeadSendsAsync(host));
            Assert.All(await QueueWork.WaitingMessagesAsync<ReconcileSend>(host.Services), r => Assert.Equal(messageId, r.MessageId));
        }
        finally
        {
            await StopAsync(host);
        }
    }

    /// <summary>
    /// Runs a customer message to the point where the reply's SendMessage job failed on its last attempt right after the
    /// provider call (one call, ledger "sending") and was dead-lettered. Returns the host and the reply's message id.
    /// </summary>
    private static async Task<(EndToEndHost Host, Guid MessageId, int MaxAttempts)> DeadLetterAfterTheCallAsync(
        ChannelPlatform platform, string body, Dictionary<string, string?> settings, Action<IServiceCollection>? testServices = null,
        Func<EndToEndHost, Task>? prepare = null)
    {
        var faults = new FailAfterTheCallOnTheLastAttempt { FailuresBeforeClaim = MaxAttempts - 1 };
        var host = await StartAsync(faults, settings, testServices);
        try
        {
            if (prepare is not null) await prepare(host);
            await host.DeliverAsync(platform, body);
            await WaitForDeadSendsAsync(host, 1, "SendMessage dead-lettered");
            // Wolverine stores the dead letter, then runs the dead-letter hook that records the unknown outcome.
            await Eventually.UntilAsync(async () => (await host.OutboundAsync())[0]["status_detail"] is string detail
                && (detail == SendStatusDetail.OutcomeUnknown || detail == SendStatusDetail.UnknownGaveUp), "the dead-letter hook ran");
            var dead = Assert.Single(await DeadSendsAsync(host));
            Assert.Equal(MaxAttempts, dead.Envelope.Attempts); // the attempt that claimed and called was the job's last
            return (host, (Guid)(await host.OutboundAsync())[0]["id"]!, MaxAttempts);
        }
        catch
        {
            await StopAsync(host);
            throw;
        }
    }

    /// <summary>ReconcileSend jobs for this message that Wolverine still has to run (scheduled, queued or running).</summary>
    private static async Task<long> ReconcileJobsAsync(EndToEndHost host, Guid messageId) =>
        (await QueueWork.WaitingMessagesAsync<ReconcileSend>(host.Services)).Count(r => r.MessageId == messageId);

    /// <summary>Right after the dead letter: still "sending" (never resent), shown as outcome unknown, one reconcile waiting.</summary>
    private static async Task AssertReconcilingAsync(EndToEndHost host, Guid messageId)
    {
        var row = Assert.Single(await host.OutboundAsync());
        Assert.Equal("sending", row["state"]);
        Assert.Equal("sending", row["status"]);
        Assert.Equal(SendStatusDetail.OutcomeUnknown, row["status_detail"]);
        Assert.Equal(1, row["attempts"]);
        Assert.Equal(1L, await ReconcileJobsAsync(host, messageId));
        Assert.Equal(1, Assert.Single(await QueueWork.WaitingMessagesAsync<ReconcileSend>(host.Services)).Check);
        Assert.Equal(SendErrorCodes.OutcomeUnknown, await host.ScalarAsync<string>("SELECT last_error_code FROM outbound_sends"));
        Assert.DoesNotContain("hunter2", await host.ScalarAsync<string>("SELECT last_error FROM outbound_sends"));
        Assert.False(await host.ScalarAsync<bool>("SELECT needs_attention FROM conversations"));
        Assert.Single(host.Graph.Requests);
    }

    /// <summary>Given up as an unknown outcome: failed after its one call (never resent), the conversation left for a person.</summary>
    private static async Task AssertGivenUpAsync(EndToEndHost host)
    {
        Assert.Single(host.Graph.Requests);
        var row = Assert.Single(await host.OutboundAsync());
        Assert.Equal("failed", row["state"]);
        Assert.Equal("failed", row["status"]);
        Assert.Equal(SendStatusDetail.UnknownGaveUp, row["status_detail"]);
        Assert.Equal(SendErrorCodes.OutcomeUnknown, row["error_code"]);
        Assert.Equal(1, row["attempts"]);
        var conv = (await host.RowsAsync("SELECT needs_attention, attention_reason FROM conversations"))[0];
        Assert.Equal(true, conv["needs_attention"]);
        Assert.Equal("send_outcome_unknown", conv["attention_reason"]);
    }

    [Fact]
    public async Task A_last_attempt_failing_after_the_call_schedules_one_reconcile_and_a_late_echo_settles_it_as_sent()
    {
        // Long first check: the echo (delivered below) must be what settles the row.
        var (host, messageId, _) = await DeadLetterAfterTheCallAsync(ChannelPlatform.Instagram,
            EndToEndHost.IgText("mid.d3", "5103", "شكد سعر القميص", DateTimeOffset.UtcNow), new() { ["Sending:ReconcileDelays:0"] = "00:05:00" });
        try
        {
            await AssertReconcilingAsync(host, messageId);
            var request = Assert.Single(host.Graph.Requests);

            // An operator replays the dead letter meanwhile: no call; the replayed job finds "sending" and schedules a
            // reconcile of its own (there are no dedup ids any more; a second check of a settled send changes nothing).
            Assert.Equal(1, await ReplayDeadSendsAsync(host));
            await Eventually.UntilAsync(async () => await ReconcileJobsAsync(host, messageId) == 2, "the replayed send ran and scheduled a reconcile");
            await host.WaitForQueueIdleAsync(typeof(SendMessage));
            Assert.Single(host.Graph.Requests);
            Assert.Empty(await DeadSendsAsync(host));

            // Meta's echo carries our metadata: sent, without a second call.
            await host.DeliverAsync(ChannelPlatform.Instagram, EndToEndHost.IgEcho("m_ECHO_D3", "5103", "reply", DateTimeOffset.UtcNow, request.IdempotencyMetadata));
            var row = Assert.Single(await host.OutboundAsync());
            Assert.Equal("sent", row["state"]);
            Assert.Equal("sent", row["status"]);
            Assert.Equal("m_ECHO_D3", row["external_id"]);

            // The reconcile check, when it runs, finds it settled.
            await host.InvokeAsync(new ReconcileSend(messageId, 1));
            Assert.Equal("sent", (await host.OutboundAsync())[0]["state"]);
            Assert.Single(host.Graph.Requests);
            Assert.False(await host.ScalarAsync<bool>("SELECT needs_attention FROM conversations"));
        }
        finally
        {
            await StopAsync(host);
        }
    }

    [Fact]
    public async Task A_last_attempt_failing_after_the_call_without_an_echo_is_given_up_after_the_reconcile_checks()
    {
        // The first check waits until the test lets it run (below); the second follows shortly after.
        var (host, messageId, _) = await DeadLetterAfterTheCallAsync(ChannelPlatform.Messenger,
            EndToEndHost.MessengerText("mid.d4", "6104", "شكد سعر القميص", DateTimeOffset.UtcNow),
            new() { ["Sending:ReconcileDelays:0"] = "00:05:00", ["Sending:ReconcileDelays:1"] = "00:00:00.200" });
        try
        {
            await AssertReconcilingAsync(host, messageId);

            // The first check falls due now; no echo ever comes.
            await HurryAsync<ReconcileSend>(host);
            await Eventually.UntilAsync(async () => (string)(await host.OutboundAsync())[0]["state"]! == "failed", "reconcile gave up");
            await host.WaitForQueueIdleAsync(typeof(ReconcileSend), typeof(SendMessage));

            await AssertGivenUpAsync(host);
        }
        finally
        {
            await StopAsync(host);
        }
    }

    [Fact]
    public async Task A_last_attempt_failing_after_the_call_whose_reconcile_cannot_be_scheduled_is_failed_at_once_without_resending()
    {
        var logs = new CapturingLoggerProvider();
        var (host, messageId, _) = await DeadLetterAfterTheCallAsync(ChannelPlatform.Messenger,
            EndToEndHost.MessengerText("mid.d5", "6105", "شكد سعر القميص", DateTimeOffset.UtcNow), [],
            services => services.AddSingleton<ILoggerProvider>(logs), RefuseReconcileJobsAsync);
        try
        {
            // No reconcile can come, so the reconcile's own give-up happens now: failed as an unknown outcome, for a person.
            await AssertGivenUpAsync(host);
            Assert.Equal(0L, await ReconcileJobsAsync(host, messageId));
            Assert.Contains(logs.Lines, l => l.StartsWith("Error ", StringComparison.Ordinal) && l.Contains("could not schedule the reconcile")
                && l.Contains($"MessageId={messageId}") && l.Contains("the queue refuses the job"));

            // An operator replays the dead letter: the ledger says failed, so nothing is sent again.
            Assert.Equal(1, await ReplayDeadSendsAsync(host));
            // Gone from the dead letters (even as "replayable": moved back to the queue) and handled.
            await Eventually.UntilAsync(async () => (await Runtime(host).Storage.DeadLetters.QueryAsync(
                    new DeadLetterEnvelopeQuery { MessageType = typeof(SendMessage).FullName }, CancellationToken.None)).TotalCount == 0
                && await QueueWork.PendingAsync(host.Services, typeof(SendMessage)) == 0, "the replayed send ran");
            Assert.Single(host.Graph.Requests);
            Assert.Equal("failed", (await host.OutboundAsync())[0]["state"]);
        }
        finally
        {
            await StopAsync(host);
        }
    }
}
