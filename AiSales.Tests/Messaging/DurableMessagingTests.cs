using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Postgresql;
using Wolverine.Tracking;
using static AiSales.Tests.Messaging.MessagingTestHost;

namespace AiSales.Tests.Messaging;

public class DurableMessagingTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private string _db = "";

    public async Task InitializeAsync() => _db = await (await Infrastructure.TestInfrastructure.GetAsync()).CreateDatabaseAsync("msg");
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Published_message_and_its_cascades_are_each_handled_once()
    {
        var recorder = new Recorder();
        using var host = Build(_db, null, recorder, typeof(PingHandler), typeof(PongHandler), typeof(EchoConsumer));
        await host.StartAsync();
        try
        {
            var session = await host.TrackActivity().Timeout(Wait).ExecuteAndWaitAsync(bus => bus.PublishAsync(new Ping(7)).AsTask());

            Assert.Equal(1, recorder.CallsFor("ping"));
            Assert.Equal(1, recorder.CallsFor("pong"));
            Assert.Equal(1, recorder.CallsFor("echo"));
            Assert.Equal(7, session.Executed.SingleMessage<Pong>().Number);
            Assert.Equal(3, session.Executed.Records.Count);
            // Every cascade shares the root's correlation id.
            Assert.Single(session.Executed.Envelopes().Select(e => e.CorrelationId).Distinct());
            Assert.Equal(0L, await ScalarAsync<long>(_db, "SELECT count(*) FROM queue.jobs"));
        }
        finally { await host.StopAsync(); }
    }

    [Fact]
    public async Task Publish_fans_out_to_every_handler_and_send_requires_exactly_one()
    {
        var recorder = new Recorder();
        using var host = Build(_db, null, recorder, typeof(FirstFannedHandler), typeof(SecondFannedHandler), typeof(PongHandler));
        await host.StartAsync();
        try
        {
            await host.TrackActivity().Timeout(Wait).ExecuteAndWaitAsync(bus => bus.PublishAsync(new Fanned(1)).AsTask());
            Assert.Equal(1, recorder.CallsFor("fanned-1"));
            Assert.Equal(1, recorder.CallsFor("fanned-2"));

            await using var scope = host.Services.CreateAsyncScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            var none = await Assert.ThrowsAsync<NoHandlerForEndpointException>(() => bus.SendAsync(new Unhandled(1)).AsTask());
            Assert.Contains(typeof(Unhandled).FullName!, none.Message);
            await Assert.ThrowsAsync<MultipleHandlersException>(() => bus.SendAsync(new Fanned(2)).AsTask());
            await Assert.ThrowsAsync<NoHandlerForEndpointException>(() => bus.InvokeAsync(new Unhandled(2)));
        }
        finally { await host.StopAsync(); }
    }

    [Fact]
    public async Task InvokeAsync_runs_inline_returns_the_response_and_applies_cooldown_retries()
    {
        var recorder = new Recorder();
        using var host = Build(_db, o => o.Policies.OnException<FlakyException>().RetryWithCooldown(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10)),
            recorder, typeof(AddNumbersHandler), typeof(FlakyHandler), typeof(PongHandler));
        await host.StartAsync();
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            Assert.Equal(5, await bus.InvokeAsync<int>(new AddNumbers(2, 3)));

            // Flaky fails twice then returns Pong: as a response here, not a cascade.
            var pong = await bus.InvokeAsync<Pong>(new Flaky(4));
            Assert.Equal(4, pong.Number);
            Assert.Equal(3, recorder.CallsFor("flaky"));
            Assert.Equal(0, recorder.CallsFor("pong"));
        }
        finally { await host.StopAsync(); }
    }

    [Fact]
    public async Task Scheduled_message_is_not_handled_before_its_time_and_is_handled_after()
    {
        var recorder = new Recorder();
        using var host = Build(_db, null, recorder, typeof(PongHandler));
        await host.StartAsync();
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            var before = DateTimeOffset.UtcNow;
            await bus.ScheduleAsync(new Pong(1), TimeSpan.FromSeconds(2));

            var delay = await ScalarAsync<double>(_db, "SELECT extract(epoch FROM run_at - created_at)::float8 FROM queue.jobs");
            Assert.InRange(delay, 1.9, 2.1);
            await EventuallyAsync(() => recorder.CallsFor("pong") == 1, "scheduled Pong handled", Wait);
            var (_, at, _) = Assert.Single(recorder.Handled);
            Assert.True(at - before >= TimeSpan.FromSeconds(1.9), $"handled after {at - before}");
        }
        finally { await host.StopAsync(); }
    }

    [Fact]
    public async Task A_later_send_with_the_same_deduplication_id_replaces_the_waiting_one()
    {
        using var host = Build(_db, null, null, typeof(PongHandler));
        await host.StartAsync(); // creates the schema; Pong handled only after 1 h, so rows stay waiting
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            await bus.PublishAsync(new Pong(1), new DeliveryOptions { ScheduleDelay = TimeSpan.FromHours(1), DeduplicationId = "conv-1" });
            await bus.PublishAsync(new Pong(2), new DeliveryOptions { ScheduleDelay = TimeSpan.FromHours(1), DeduplicationId = "conv-1" });

            Assert.Equal(1L, await ScalarAsync<long>(_db, "SELECT count(*) FROM queue.jobs"));
            Assert.Equal(2, await ScalarAsync<int>(_db, "SELECT (body->>'number')::int FROM queue.jobs"));
        }
        finally { await host.StopAsync(); }
    }

    [Fact]
    public async Task Notify_wakes_the_listener_even_with_a_long_poll_interval()
    {
        var recorder = new Recorder();
        using var host = Build(_db, o => o.Durability.PollingInterval = TimeSpan.FromMinutes(10), recorder, typeof(PongHandler));
        await host.StartAsync();
        try
        {
            // Wait until the listener's LISTEN is in place (otherwise only the 10-minute poll would see the message).
            await EventuallyAsync(async () => await ScalarAsync<long>(_db,
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'") > 0, "LISTEN connection", Wait);
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(new Pong(9));

            // Far below the poll interval: only the NOTIFY can explain handling within this window.
            await EventuallyAsync(() => recorder.CallsFor("pong") == 1, "Pong handled via NOTIFY", TimeSpan.FromSeconds(30));
        }
        finally { await host.StopAsync(); }
    }

    [Fact]
    public async Task Queue_statistics_report_waiting_and_scheduled_per_message_type()
    {
        using var host = Build(_db, o => o.Durability.Mode = DurabilityMode.MediatorOnly, null, typeof(PongHandler));
        await host.StartAsync();
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            await bus.PublishAsync(new Pong(1));
            await bus.ScheduleAsync(new Pong(2), TimeSpan.FromHours(1));

            var stats = await host.Services.GetRequiredService<IQueueStatistics>().GetAsync();
            var pong = Assert.Single(stats);
            Assert.Equal(typeof(Pong).FullName, pong.MessageType);
            Assert.Equal((1L, 1L, 0L, 0L), (pong.Waiting, pong.Scheduled, pong.Running, pong.Dead));
            Assert.NotNull(pong.OldestWaitingAge);
        }
        finally { await host.StopAsync(); }
    }
}
