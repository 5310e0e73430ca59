using AiSales.Core.Inbound;
using AiSales.Core.Messaging;
using AiSales.Core.Sending;
using AiSales.Tests.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;
using Wolverine.Postgresql;
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
    /// The ledger's outbox when the queue cannot take a job (in production: the database failing that transaction). Given
    /// to the ledger alone, so it is the reconcile after a final failure that cannot be scheduled, nothing else.
    /// </summary>
    private sealed class RefusingOutbox : IPostgresqlOutbox
    {
        public Task<OutboxEnlistment> EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<object> messages,
            DeliveryOptions? options = null, CancellationToken ct = default) => throw Refused();

        public OutboxEnlistment Enlist(NpgsqlBatch batch, IReadOnlyList<object> messages, DeliveryOptions? options = null) => throw Refused();

        private static InvalidOperationException Refused() => new("Simulated outage: the queue refuses the job");
    }

    private static async Task<EndToEndHost> StartAsync(SendFaultInjection faults, Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? testServices = null)
    {
        settings ??= [];
        settings["Messaging:Durability:PollingInterval"] = "00:00:00.200";
        var host = new EndToEndHost(settings, faults, testServices);
        await host.InitializeAsync();
        // Same shape as production (durable retries, then the dead letters), with short waits so the test takes seconds.
        var schedule = host.Services.GetRequiredService<WolverineOptions>().Policies.DefaultRetrySchedule;
        for (var i = 0; i < schedule.Count; i++) schedule[i] = TimeSpan.FromMilliseconds(100);
        return host;
    }

    private static Task StopAsync(EndToEndHost host) => ((IAsyncLifetime)host).DisposeAsync();

    private static Task<long> DeadSendsAsync(EndToEndHost host) =>
        host.ScalarAsync<long>("SELECT count(*) FROM queue.dead_letters WHERE message_type = $1", typeof(SendMessage).FullName);

    [Fact]
    public async Task A_send_that_keeps_failing_is_dead_lettered_with_the_message_failed_and_a_replay_after_recovery_sends_exactly_once()
    {
        var faults = new FailBeforeClaim();
        var host = await StartAsync(faults);
        try
        {
            await host.DeliverAsync(MetaPlatform.Instagram, EndToEndHost.IgText("mid.d1", "5101", "شكد سعر القميص", DateTimeOffset.UtcNow));
            await EndToEndHost.WaitUntilAsync(async () => await DeadSendsAsync(host) == 1, "SendMessage dead-lettered");

            var dead = Assert.Single(await host.Services.GetRequiredService<IDeadLetters>().ListAsync(typeof(SendMessage).FullName));
            Assert.Equal(faults.Failures, dead.Attempts); // the handler ran on every attempt, the last one included
            var row = Assert.Single(await host.OutboundAsync());
            Assert.Equal("failed", row["state"]);
            Assert.Equal("failed", row["status"]);
            Assert.Equal(SendStatusDetail.DeadLettered(dead.Attempts), row["status_detail"]);
            Assert.Equal(SendErrorCodes.DeadLettered, row["error_code"]);
            Assert.Equal(0, row["attempts"]); // no provider call was ever made
            // What the merchant sees never carries the exception text (it may hold hosts or secrets).
            foreach (var shown in new[] { (string)row["status_detail"]!, (string)row["error_message"]! })
                Assert.DoesNotContain("hunter2", shown);
            Assert.DoesNotContain("hunter2", await host.ScalarAsync<string>("SELECT last_error FROM outbound_sends"));
            Assert.Empty(host.Graph.Requests);

            // Replayed while the outage lasts: revived, fails the same way on every attempt, failed and dead-lettered again.
            Assert.Equal(1, await host.Services.GetRequiredService<IDeadLetters>().RetryAllAsync(typeof(SendMessage).FullName));
            await EndToEndHost.WaitUntilAsync(async () => await DeadSendsAsync(host) == 1, "replay during the outage dead-letters again");
            Assert.Empty(host.Graph.Requests);
            Assert.Equal("failed", (await host.OutboundAsync())[0]["state"]);

            // The dependency recovers; the operator replays the dead letter: the message is sent, once.
            faults.Broken = false;
            Assert.Equal(1, await host.Services.GetRequiredService<IDeadLetters>().RetryAllAsync(typeof(SendMessage).FullName));
            await EndToEndHost.WaitUntilAsync(async () => (string)(await host.OutboundAsync())[0]["state"]! == "sent", "replayed send sent");
            await host.WaitForQueueIdleAsync(typeof(SendMessage));

            var request = Assert.Single(host.Graph.Requests);
            row = Assert.Single(await host.OutboundAsync());
            Assert.Equal("sent", row["status"]);
            Assert.Null(row["error_code"]);
            Assert.Equal(1, row["attempts"]);
            Assert.Equal(row["idempotency_key"], request.IdempotencyMetadata);
            Assert.Equal(0L, await DeadSendsAsync(host));

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
            await host.DeliverAsync(MetaPlatform.Messenger, EndToEndHost.MessengerText("mid.d2", "6101", "شكد سعر القميص", DateTimeOffset.UtcNow));
            await EndToEndHost.WaitUntilAsync(async () => await host.ScalarAsync<long>("SELECT count(*) FROM queue.jobs WHERE message_type = $1",
                typeof(ReconcileSend).FullName) == 1, "reconcile scheduled");
            await host.WaitForQueueIdleAsync(typeof(GenerateReply), typeof(SendMessage));
            var row = Assert.Single(await host.OutboundAsync());
            Assert.Equal("sending", row["state"]);
            Assert.Single(host.Graph.Requests);

            // The dead letter a crash loop leaves behind (the queue dead-letters a job whose lease expired too many times,
            // without running it), for this very send.
            var deadId = await host.ScalarAsync<Guid>("""
                INSERT INTO queue.dead_letters (id, original_id, message_type, body, max_attempts, exception_type, exception_message, attempts)
                VALUES (gen_random_uuid(), gen_random_uuid(), $1, jsonb_build_object('messageId', $2::text), 6,
                        'System.InvalidOperationException', 'Its lease expired 12 times (the process died while running it each time); not run again.', 1)
                RETURNING id
                """, typeof(SendMessage).FullName, ((Guid)row["id"]!).ToString());

            Assert.True(await host.Services.GetRequiredService<IDeadLetters>().RetryAsync(deadId));
            await host.WaitForQueueIdleAsync(typeof(SendMessage));

            Assert.Single(host.Graph.Requests); // never a second call for an unknown outcome
            row = Assert.Single(await host.OutboundAsync());
            Assert.Equal("sending", row["state"]);
            Assert.Equal(1, row["attempts"]);
            Assert.Equal("sending", row["status"]);
            Assert.Equal(0L, await DeadSendsAsync(host));
            Assert.Equal(1L, await host.ScalarAsync<long>("SELECT count(*) FROM queue.jobs WHERE message_type = $1", typeof(ReconcileSend).FullName));
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
        MetaPlatform platform, string body, Dictionary<string, string?> settings, Action<IServiceCollection>? testServices = null)
    {
        var faults = new FailAfterTheCallOnTheLastAttempt();
        var host = await StartAsync(faults, settings, testServices);
        var maxAttempts = host.Services.GetRequiredService<WolverineOptions>().Durability.DefaultMaximumAttempts;
        faults.FailuresBeforeClaim = maxAttempts - 1;
        try
        {
            await host.DeliverAsync(platform, body);
            await EndToEndHost.WaitUntilAsync(async () => await DeadSendsAsync(host) == 1, "SendMessage dead-lettered");
            var dead = Assert.Single(await host.Services.GetRequiredService<IDeadLetters>().ListAsync(typeof(SendMessage).FullName));
            Assert.Equal(maxAttempts, dead.Attempts); // the attempt that claimed and called was the job's last
            return (host, (Guid)(await host.OutboundAsync())[0]["id"]!, maxAttempts);
        }
        catch
        {
            await StopAsync(host);
            throw;
        }
    }

    private static Task<long> ReconcileJobsAsync(EndToEndHost host, Guid messageId) =>
        host.ScalarAsync<long>("SELECT count(*) FROM queue.jobs WHERE message_type = $1 AND body->>'messageId' = $2",
            typeof(ReconcileSend).FullName, messageId.ToString());

    /// <summary>Right after the dead letter: still "sending" (never resent), shown as outcome unknown, one reconcile waiting.</summary>
    private static async Task AssertReconcilingAsync(EndToEndHost host, Guid messageId)
    {
        var row = Assert.Single(await host.OutboundAsync());
        Assert.Equal("sending", row["state"]);
        Assert.Equal("sending", row["status"]);
        Assert.Equal(SendStatusDetail.OutcomeUnknown, row["status_detail"]);
        Assert.Equal(1, row["attempts"]);
        Assert.Equal(1L, await ReconcileJobsAsync(host, messageId));
        Assert.Equal(SendJobs.ReconcileDedupId(messageId), await host.ScalarAsync<string>(
            "SELECT dedup_key FROM queue.jobs WHERE message_type = $1", typeof(ReconcileSend).FullName));
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
        var (host, messageId, _) = await DeadLetterAfterTheCallAsync(MetaPlatform.Instagram,
            EndToEndHost.IgText("mid.d3", "5103", "شكد سعر القميص", DateTimeOffset.UtcNow), new() { ["Sending:ReconcileDelays:0"] = "00:05:00" });
        try
        {
            await AssertReconcilingAsync(host, messageId);
            var request = Assert.Single(host.Graph.Requests);

            // An operator replays the dead letter meanwhile: no call, and still one reconcile job (same dedup id).
            Assert.Equal(1, await host.Services.GetRequiredService<IDeadLetters>().RetryAllAsync(typeof(SendMessage).FullName));
            await host.WaitForQueueIdleAsync(typeof(SendMessage));
            Assert.Single(host.Graph.Requests);
            Assert.Equal(1L, await ReconcileJobsAsync(host, messageId));
            Assert.Equal(0L, await DeadSendsAsync(host));

            // Meta's echo carries our metadata: sent, without a second call.
            await host.DeliverAsync(MetaPlatform.Instagram, EndToEndHost.IgEcho("m_ECHO_D3", "5103", "reply", DateTimeOffset.UtcNow, request.IdempotencyMetadata));
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
        var (host, messageId, _) = await DeadLetterAfterTheCallAsync(MetaPlatform.Messenger,
            EndToEndHost.MessengerText("mid.d4", "6104", "شكد سعر القميص", DateTimeOffset.UtcNow),
            new() { ["Sending:ReconcileDelays:0"] = "00:05:00", ["Sending:ReconcileDelays:1"] = "00:00:00.200" });
        try
        {
            await AssertReconcilingAsync(host, messageId);

            // The first check falls due now; no echo ever comes.
            await host.ExecAsync("UPDATE queue.jobs SET run_at = now() WHERE message_type = $1", typeof(ReconcileSend).FullName);
            await EndToEndHost.WaitUntilAsync(async () => (string)(await host.OutboundAsync())[0]["state"]! == "failed", "reconcile gave up");
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
        var (host, messageId, _) = await DeadLetterAfterTheCallAsync(MetaPlatform.Messenger,
            EndToEndHost.MessengerText("mid.d5", "6105", "شكد سعر القميص", DateTimeOffset.UtcNow), [],
            services => services.AddSingleton<ILoggerProvider>(logs)
                .AddSingleton(sp => new OutboundLedger(sp.GetRequiredService<NpgsqlDataSource>(), new RefusingOutbox())));
        try
        {
            // No reconcile can come, so the reconcile's own give-up happens now: failed as an unknown outcome, for a person.
            await AssertGivenUpAsync(host);
            Assert.Equal(0L, await ReconcileJobsAsync(host, messageId));
            Assert.Contains(logs.Lines, l => l.StartsWith("Error ", StringComparison.Ordinal) && l.Contains("could not schedule the reconcile")
                && l.Contains($"MessageId={messageId}") && l.Contains("the queue refuses the job"));

            // An operator replays the dead letter: the ledger says failed, so nothing is sent again.
            Assert.Equal(1, await host.Services.GetRequiredService<IDeadLetters>().RetryAllAsync(typeof(SendMessage).FullName));
            await host.WaitForQueueIdleAsync(typeof(SendMessage));
            Assert.Single(host.Graph.Requests);
            Assert.Equal("failed", (await host.OutboundAsync())[0]["state"]);
        }
        finally
        {
            await StopAsync(host);
        }
    }
}
