using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;
using Wolverine.Postgresql;
using static AiSales.Tests.Messaging.MessagingTestHost;

namespace AiSales.Tests.Messaging;

public class ConsumerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Higher_priority_waiting_jobs_run_first()
    {
        var db = await CreateDatabaseWithSchemaAsync();
        var recorder = new Recorder();
        using var host = Build(db, o => o.Durability.WorkerCount = 1, recorder, typeof(PongHandler));
        // Listener not started yet: both rows wait, low priority first.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            await bus.PublishAsync(new Pong(1), new DeliveryOptions { Priority = 0 });
            await bus.PublishAsync(new Pong(2), new DeliveryOptions { Priority = 5 });
            await bus.PublishAsync(new Pong(3), new DeliveryOptions { Priority = 0 });
        }
        await host.StartAsync();
        try
        {
            await EventuallyAsync(() => recorder.Handled.Count == 3, "all handled", Wait);
            Assert.Equal([2, 1, 3], recorder.Handled.Select(h => ((Pong)h.Message).Number));
        }
        finally { await host.StopAsync(); }
    }

    [Fact]
    public async Task Job_leased_by_a_dead_node_is_recovered_and_handled_exactly_once()
    {
        var db = await CreateDatabaseWithSchemaAsync();
        var recorder = new Recorder();
        using var host = Build(db, null, recorder, typeof(PongHandler));
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(new Pong(1));
        // Simulate a node that leased the job and was killed: running, foreign owner, lapsed lease.
        await ExecAsync(db, $"UPDATE queue.jobs SET status = 'running', owner_node = '{Guid.NewGuid()}', attempts = 1, lease_expires_at = now() - interval '1 second'");

        await host.StartAsync();
        try
        {
            await EventuallyAsync(async () => recorder.CallsFor("pong") == 1
                && await ScalarAsync<long>(db, "SELECT count(*) FROM queue.jobs") == 0, "recovered job completed", Wait);
            // A second recovery sweep must not find anything to redeliver.
            await Task.Delay(600);
            Assert.Equal(1, recorder.CallsFor("pong"));
        }
        finally { await host.StopAsync(); }
    }

    [Fact]
    public async Task Two_hosts_share_the_queue_and_handle_2000_messages_exactly_once()
    {
        var db = await CreateDatabaseWithSchemaAsync();
        await ExecAsync(db, "CREATE TABLE handled (number int PRIMARY KEY)");
        // A duplicate delivery would violate the key, fail, and land in dead_letters.
        Action<WolverineOptions> configure = o => o.Policies.OnAnyException().MoveToErrorQueue();
        using var first = Build(db, configure, null, typeof(CountedHandler));
        using var second = Build(db, configure, null, typeof(CountedHandler));
        await first.StartAsync();
        await second.StartAsync();
        try
        {
            var outbox = first.Services.GetRequiredService<IPostgresqlOutbox>();
            await using (var conn = new NpgsqlConnection(db))
            {
                await conn.OpenAsync();
                await using var tx = await conn.BeginTransactionAsync();
                await outbox.EnqueueAsync(conn, tx, [.. Enumerable.Range(1, 2000).Select(i => (object)new Counted(i))]);
                await tx.CommitAsync();
            }

            await EventuallyAsync(async () => await ScalarAsync<long>(db, "SELECT count(*) FROM queue.jobs") == 0, "queue drained", Wait);
            Assert.Equal(2000L, await ScalarAsync<long>(db, "SELECT count(*) FROM handled"));
            Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT count(*) FROM queue.dead_letters"));
            var handledByEach = new[] { first, second }.Select(h => h.Services.GetRequiredService<Recorder>().CallsFor("counted")).ToArray();
            Assert.Equal(2000, handledByEach.Sum());
        }
        finally
        {
            await first.StopAsync();
            await second.StopAsync();
        }
    }

    [Fact]
    public async Task A_node_leases_no_more_jobs_than_it_has_free_handlers()
    {
        // A leased job's attempt is charged at lease time. Were jobs leased ahead of free handlers, every crash (SIGKILL,
        // OOM) would charge attempts to jobs that never ran, and after a few crashes the crash-loop guard would
        // dead-letter innocent jobs — as the 100,000-webhook fault campaign showed with a 100-job prefetch.
        var db = await CreateDatabaseWithSchemaAsync();
        var recorder = new Recorder();
        using var host = Build(db, o =>
        {
            o.Durability.WorkerCount = 1;
            o.Durability.BatchSize = 5;
            o.Durability.DrainTimeout = TimeSpan.FromMilliseconds(500);
        }, recorder, typeof(GateHandler));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            for (var i = 1; i <= 5; i++) await bus.PublishAsync(new Gate(i));
        }
        await host.StartAsync();
        await EventuallyAsync(() => recorder.CallsFor("gate") == 1, "one started", Wait);
        // Several poll intervals pass with the handler busy: still only the running job is leased.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal(1L, await ScalarAsync<long>(db, "SELECT count(*) FROM queue.jobs WHERE status = 'running'"));
        Assert.Equal(4L, await ScalarAsync<long>(db, "SELECT count(*) FROM queue.jobs WHERE status = 'waiting' AND attempts = 0 AND owner_node IS NULL"));
        await host.StopAsync();

        // The stuck handler's job stays leased (its lease will lapse, as after a crash); the others were never charged.
        Assert.Equal(1, recorder.CallsFor("gate"));
        Assert.Equal(1L, await ScalarAsync<long>(db, "SELECT count(*) FROM queue.jobs WHERE status = 'running'"));
        Assert.Equal(4L, await ScalarAsync<long>(db, "SELECT count(*) FROM queue.jobs WHERE status = 'waiting' AND attempts = 0 AND owner_node IS NULL"));
    }

    [Fact]
    public async Task An_expired_lease_refunds_its_attempt_so_outside_kills_do_not_use_up_retries()
    {
        var db = await CreateDatabaseWithSchemaAsync();
        var recorder = new Recorder();
        using var host = Build(db, null, recorder, typeof(PongHandler));
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(new Pong(1));
        // Leased by nodes that died five times already (attempts 6 of 6 spent by leases, not by handler failures).
        await ExecAsync(db, $"UPDATE queue.jobs SET status = 'running', owner_node = '{Guid.NewGuid()}', attempts = 6, lease_expiries = 5, lease_expires_at = now() - interval '1 second'");

        await host.StartAsync();
        try
        {
            await EventuallyAsync(async () => recorder.CallsFor("pong") == 1
                && await ScalarAsync<long>(db, "SELECT count(*) FROM queue.jobs") == 0, "recovered job ran", Wait);
            Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT count(*) FROM queue.dead_letters"));
        }
        finally { await host.StopAsync(); }
    }

    [Fact]
    public async Task A_job_whose_lease_keeps_expiring_is_dead_lettered_without_running_again()
    {
        // The crash-loop guard: a message that kills its process every time must stop being retried at some point.
        var db = await CreateDatabaseWithSchemaAsync();
        var recorder = new Recorder();
        using var host = Build(db, o => o.Durability.MaximumLeaseExpiries = 3, recorder, typeof(PongHandler));
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(new Pong(1));
        await ExecAsync(db, $"UPDATE queue.jobs SET status = 'running', owner_node = '{Guid.NewGuid()}', attempts = 1, lease_expiries = 2, lease_expires_at = now() - interval '1 second'");

        await host.StartAsync();
        try
        {
            await EventuallyAsync(async () => await ScalarAsync<long>(db, "SELECT count(*) FROM queue.dead_letters") == 1, "dead-lettered", Wait);
            Assert.Equal(0, recorder.CallsFor("pong"));
            Assert.Equal(1L, await ScalarAsync<long>(db, "SELECT count(*) FROM queue.dead_letters WHERE exception_message LIKE 'Its lease expired 3 times%'"));
            Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT count(*) FROM queue.jobs"));
        }
        finally { await host.StopAsync(); }
    }
}
