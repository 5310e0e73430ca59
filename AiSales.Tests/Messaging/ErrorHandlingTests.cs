using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Postgresql;
using static AiSales.Tests.Messaging.MessagingTestHost;

namespace AiSales.Tests.Messaging;

public class ErrorHandlingTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private string _db = "";

    public async Task InitializeAsync() => _db = await (await Infrastructure.TestInfrastructure.GetAsync()).CreateDatabaseAsync("msg");
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Cooldown_then_scheduled_retry_then_dead_letter_and_replay_succeeds()
    {
        var recorder = new Recorder();
        using var host = Build(_db, o => o.Policies.OnException<FlakyException>()
                .RetryWithCooldown(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10))
                .Then.ScheduleRetry(TimeSpan.FromMilliseconds(300))
                .Then.MoveToErrorQueue(),
            recorder, typeof(AlwaysFailsHandler));
        await host.StartAsync();
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(new AlwaysFails(1));

            var deadLetters = host.Services.GetRequiredService<IDeadLetters>();
            await EventuallyAsync(async () => (await deadLetters.ListAsync()).Count == 1, "dead letter", Wait);
            var dead = Assert.Single(await deadLetters.ListAsync(typeof(AlwaysFails).FullName));
            // attempts 1,2 cooled down inline, 3 scheduled a retry, 4 hit MoveToErrorQueue.
            Assert.Equal(4, dead.Attempts);
            Assert.Equal(4, recorder.CallsFor("fails"));
            Assert.Equal(typeof(FlakyException).FullName, dead.ExceptionType);
            Assert.Equal("boom 1", dead.ExceptionMessage);
            Assert.Contains(nameof(AlwaysFailsHandler), dead.StackTrace);
            Assert.Equal(0L, await ScalarAsync<long>(_db, "SELECT count(*) FROM queue.jobs"));

            recorder.Fail = false;
            Assert.True(await deadLetters.RetryAsync(dead.Id));
            await EventuallyAsync(() => recorder.CallsFor("fails") == 5, "replayed message handled", Wait);
            await EventuallyAsync(async () => await ScalarAsync<long>(_db, "SELECT count(*) FROM queue.jobs") == 0, "replayed job completed", Wait);
            Assert.Empty(await deadLetters.ListAsync());
        }
        finally { await host.StopAsync(); }
    }

    [Fact]
    public async Task Default_policy_schedules_retries_with_growing_backoff_then_dead_letters()
    {
        var recorder = new Recorder();
        using var host = Build(_db, o => o.Queue<AlwaysFails>().MaximumAttempts(4), recorder, typeof(AlwaysFailsHandler));
        await host.StartAsync();
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(new AlwaysFails(2));

            double[] nominal = [1, 5, 30];
            var deltas = new List<double>();
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                await EventuallyAsync(async () => await ScalarAsync<long>(_db,
                    $"SELECT count(*) FROM queue.jobs WHERE status = 'waiting' AND attempts = {attempt}") == 1, $"retry {attempt} scheduled", Wait);
                deltas.Add(await ScalarAsync<double>(_db, "SELECT extract(epoch FROM run_at - last_error_at)::float8 FROM queue.jobs"));
                // Pull the retry forward so the test does not wait for the real backoff.
                await ExecAsync(_db, "UPDATE queue.jobs SET run_at = now()");
            }
            for (var i = 0; i < 3; i++) Assert.InRange(deltas[i], nominal[i], nominal[i] * 1.1 + 0.01);
            Assert.True(deltas[0] < deltas[1] && deltas[1] < deltas[2]);

            var deadLetters = host.Services.GetRequiredService<IDeadLetters>();
            await EventuallyAsync(async () => (await deadLetters.ListAsync()).Count == 1, "dead letter after max attempts", Wait);
            Assert.Equal(4, Assert.Single(await deadLetters.ListAsync()).Attempts);
        }
        finally { await host.StopAsync(); }
    }

    [Fact]
    public async Task Discard_rule_drops_the_message_without_a_dead_letter()
    {
        var recorder = new Recorder();
        using var host = Build(_db, o => o.Policies.OnException<ArgumentException>().Discard(), recorder, typeof(DiscardMeHandler));
        await host.StartAsync();
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(new DiscardMe(1));
            await EventuallyAsync(async () => recorder.CallsFor("discard") == 1
                && await ScalarAsync<long>(_db, "SELECT count(*) FROM queue.jobs") == 0, "discarded", Wait);
            Assert.Equal(0L, await ScalarAsync<long>(_db, "SELECT count(*) FROM queue.dead_letters"));
        }
        finally { await host.StopAsync(); }
    }
}
