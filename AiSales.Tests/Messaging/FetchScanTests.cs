using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using static AiSales.Tests.Messaging.MessagingTestHost;

namespace AiSales.Tests.Messaging;

/// <summary>
/// Every fetched job leaves a dead entry in the ready index (its row stopped being 'waiting'). The fetch walks that
/// index in order, so it marks the dead entries it passes and the next fetch skips them; a bitmap scan would leave them
/// all for the next vacuum and every fetch would re-read them (docs/BENCHMARKS.md, "the fetch's bitmap scan").
/// </summary>
public class FetchScanTests
{
    private const string UnmarkedEntriesSql = """
        SELECT count(*)
        FROM generate_series(1, (pg_relation_size('queue.jobs_ready_idx') / current_setting('block_size')::int - 1)::int) AS b,
             LATERAL bt_page_stats('queue.jobs_ready_idx', b) AS s,
             LATERAL bt_page_items('queue.jobs_ready_idx', b) AS i
        WHERE s.type = 'l' AND i.htid IS NOT NULL AND NOT i.dead
        """;

    [Fact]
    public async Task Fetching_marks_the_ready_index_entries_of_jobs_already_taken_so_no_later_fetch_reads_them()
    {
        var db = await CreateDatabaseWithSchemaAsync();
        // No vacuum during the test: only the fetches themselves can mark the entries.
        await ExecAsync(db, "ALTER TABLE queue.jobs SET (autovacuum_enabled = false); CREATE EXTENSION IF NOT EXISTS pageinspect");
        // Which plan the planner picks for the fetch depends on the statistics and on how many rows it asks for; on a busy
        // queue it often prefers reading the table (or a bitmap) over walking the index. Pricing index walks far above
        // everything else puts every fetch in that situation, so only the fetch's own planner settings decide the scan.
        await ExecAsync(db, $"ALTER DATABASE \"{new Npgsql.NpgsqlConnectionStringBuilder(db).Database}\" SET random_page_cost = 1000");
        var recorder = new Recorder();
        using var host = Build(db, null, recorder, typeof(PongHandler));
        const int jobs = 1000;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            for (var i = 0; i < jobs; i++) await bus.PublishAsync(new Pong(i));
        }
        Assert.Equal((long)jobs, await ScalarAsync<long>(db, UnmarkedEntriesSql)); // all live and waiting so far

        await host.StartAsync();
        try
        {
            await EventuallyAsync(async () => recorder.CallsFor("pong") == jobs
                && await ScalarAsync<long>(db, "SELECT count(*) FROM queue.jobs") == 0, "all handled and completed", TimeSpan.FromSeconds(60));
            // The idle listener polls (every 200 ms here); each poll is a fetch from the start of the index.
            await EventuallyAsync(async () => await ScalarAsync<long>(db, UnmarkedEntriesSql) == 0,
                "every ready-index entry of a taken job marked dead", TimeSpan.FromSeconds(10));
        }
        finally { await host.StopAsync(); }
    }
}
