using Wolverine;
using Wolverine.Tracking;
using static AiSales.Tests.Messaging.MessagingTestHost;

namespace AiSales.Tests.Messaging;

public class TrackingTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private string _db = "";

    public async Task InitializeAsync() => _db = await (await Infrastructure.TestInfrastructure.GetAsync()).CreateDatabaseAsync("msg");
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task InvokeMessageAndWaitAsync_waits_for_durable_cascades()
    {
        var recorder = new Recorder();
        using var host = Build(_db, null, recorder, typeof(PingHandler), typeof(PongHandler), typeof(EchoConsumer));
        await host.StartAsync();
        try
        {
            var session = await host.InvokeMessageAndWaitAsync(new Ping(3), Wait);
            // Ping ran inline; Pong and Echo went through the queue and were awaited.
            Assert.Equal(1, recorder.CallsFor("pong"));
            Assert.Equal(1, recorder.CallsFor("echo"));
            Assert.Equal(3, session.Sent.AllMessages().Count());
            Assert.Equal("ping 3", session.Executed.SingleMessage<Echo>().Text);
        }
        finally { await host.StopAsync(); }
    }

    [Fact]
    public async Task Handler_exceptions_fail_the_session_unless_told_otherwise()
    {
        var recorder = new Recorder();
        using var host = Build(_db, o => o.Policies.OnException<FlakyException>().MoveToErrorQueue(), recorder, typeof(AlwaysFailsHandler));
        await host.StartAsync();
        try
        {
            var thrown = await Assert.ThrowsAsync<AggregateException>(() =>
                host.TrackActivity().Timeout(Wait).ExecuteAndWaitAsync(bus => bus.PublishAsync(new AlwaysFails(1)).AsTask()));
            Assert.IsType<FlakyException>(Assert.Single(thrown.InnerExceptions));

            var session = await host.TrackActivity().Timeout(Wait).DoNotAssertOnExceptionsDetected()
                .ExecuteAndWaitAsync(bus => bus.PublishAsync(new AlwaysFails(2)).AsTask());
            Assert.Equal(2, session.MovedToErrorQueue.SingleMessage<AlwaysFails>().Number);
        }
        finally { await host.StopAsync(); }
    }
}
