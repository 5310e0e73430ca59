using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using static AiSales.Tests.Messaging.MessagingTestHost;

namespace AiSales.Tests.Messaging;

/// <summary>
/// A job a handler enqueues through the outbox, due now, is claimed by the handler's node (inserted leased to it) and
/// runs right after that handler in the same slot — no fetch — but only once the enqueuing transaction committed.
/// </summary>
public class LocalContinuationTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static async Task<(Recorder Recorder, string Db)> RunChainAsync(string mode, bool waitingLinkFirst = false)
    {
        var db = await CreateDatabaseWithSchemaAsync();
        var recorder = new Recorder();
        using var host = Build(db, o => o.Durability.WorkerCount = 1, recorder, typeof(ChainHandler), typeof(LinkHandler));
        if (waitingLinkFirst)
        {
            // A Link scheduled for later with the same deduplication id, as a debounced reply job would be.
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(new Link(99),
                new DeliveryOptions { DeduplicationId = "link", ScheduleDelay = TimeSpan.FromHours(1) });
        }
        await host.StartAsync();
        try
        {
            await using (var scope = host.Services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(new Chain(1, mode));
            await EventuallyAsync(async () => recorder.Handled.Any(h => h.Message is Chain)
                && await ScalarAsync<long>(db, "SELECT count(*) FROM queue.jobs") == 0, "chain finished and queue empty", Wait);
            await Task.Delay(700); // a few poll and recovery intervals: nothing more may run
        }
        finally { await host.StopAsync(); }
        return (recorder, db);
    }

    [Fact]
    public async Task A_committed_follow_up_is_leased_to_this_node_at_insert_and_runs_once_without_a_fetch()
    {
        var (recorder, db) = await RunChainAsync("commit");

        Assert.Equal(1, recorder.CallsFor("claimed:1"));
        Assert.Equal(1, recorder.CallsFor("row:running:True:1")); // leased by us with attempt 1 before anyone fetched
        Assert.Equal(1, recorder.CallsFor("link:attempt1"));
        Assert.Single(recorder.Handled, h => h.Message is Link);
        Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT count(*) FROM queue.dead_letters"));
    }

    [Fact]
    public async Task A_rolled_back_follow_up_never_runs_and_leaves_no_row()
    {
        var (recorder, db) = await RunChainAsync("rollback");

        Assert.Equal(1, recorder.CallsFor("claimed:1"));
        Assert.DoesNotContain(recorder.Handled, h => h.Message is Link);
        Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT count(*) FROM queue.jobs"));
        Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT count(*) FROM queue.dead_letters"));
    }

    [Fact]
    public async Task A_follow_up_whose_commit_was_never_reported_goes_back_to_the_queue_uncharged_and_runs_once()
    {
        var (recorder, _) = await RunChainAsync("commit-unreported");

        Assert.Equal(1, recorder.CallsFor("claimed:1"));
        Assert.Equal(1, recorder.CallsFor("row:running:True:1"));
        // Released with the attempt refunded, then fetched like any job: its first real run is attempt 1.
        Assert.Equal(1, recorder.CallsFor("link:attempt1"));
        Assert.Single(recorder.Handled, h => h.Message is Link);
    }

    [Fact]
    public async Task A_claimed_follow_up_supersedes_a_waiting_job_with_its_deduplication_id()
    {
        var (recorder, db) = await RunChainAsync("commit", waitingLinkFirst: true);

        Assert.Equal(1, recorder.CallsFor("claimed:1"));
        var link = Assert.Single(recorder.Handled, h => h.Message is Link);
        Assert.Equal(1, ((Link)link.Message).Number); // the scheduled Link(99) was replaced, not run and not left waiting
        Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT count(*) FROM queue.jobs"));
    }
}
