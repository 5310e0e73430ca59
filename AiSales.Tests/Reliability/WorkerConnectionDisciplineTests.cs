using AiSales.Core.Messaging;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Tests.Infrastructure;
using AiSales.Tests.Sending;
using AiSales.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiSales.Tests.Reliability;

/// <summary>
/// The Worker's handlers share a capped pool (<see cref="HandlerConnections"/>), which is only safe if no handler opens
/// a second connection while it holds one: at the cap, handlers each holding one would wait for another. Here the whole
/// pipeline runs on a pool of ONE connection with a short wait, so any such nesting times out and fails the flow.
/// </summary>
public sealed class WorkerConnectionDisciplineTests
{
    /// <summary>The Worker's real services with its handlers' data source replaced by a one-connection pool.</summary>
    private static EndToEndHost OnePooledConnection() => new(testServices: services =>
        services.AddSingleton(sp =>
        {
            var cs = sp.GetRequiredService<IConfiguration>().GetConnectionString("aisales");
            var builder = new NpgsqlDataSourceBuilder(cs) { ConnectionStringBuilder = { MaxPoolSize = 1, Timeout = 5 } };
            StatelessSessionTuning.Apply(builder);
            return builder.Build();
        }));

    private static async Task RunAsync(EndToEndHost host, Func<EndToEndHost, Task> test)
    {
        await host.InitializeAsync();
        try
        {
            await test(host);
        }
        finally
        {
            await ((IAsyncLifetime)host).DisposeAsync();
        }
    }

    private static int PoolCap(EndToEndHost host) =>
        new NpgsqlConnectionStringBuilder(host.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString).MaxPoolSize;

    [Fact]
    public Task The_workers_handlers_share_a_capped_pool_by_default() =>
        RunAsync(new EndToEndHost(), host =>
        {
            Assert.Equal(HandlerConnections.Default, PoolCap(host));
            return Task.CompletedTask;
        });

    [Fact]
    public Task A_customer_message_is_answered_and_a_human_takes_over_on_one_pooled_connection() =>
        RunAsync(OnePooledConnection(), async host =>
        {
            Assert.Equal(1, PoolCap(host));
            var now = DateTimeOffset.UtcNow;
            await host.DeliverAsync(ChannelPlatform.Instagram, EndToEndHost.IgText("mid.pool1", "7001", "شكد سعر القميص", now));
            await Eventually.UntilAsync(async () => (await host.OutboundAsync()).Any(r => (string)r["state"]! is "sent" or "failed"), "the reply settled");
            await host.WaitForQueueIdleAsync(typeof(GenerateReply), typeof(SendMessage));

            var reply = Assert.Single(await host.OutboundAsync());
            Assert.Equal("sent", reply["state"]);
            Assert.Contains("25", (string)reply["text"]!);
            Assert.Single(host.Graph.Requests);

            // A person answers from the Instagram app (an echo without our metadata): the conversation is theirs.
            await host.DeliverAsync(ChannelPlatform.Instagram, EndToEndHost.IgEcho("mid.pool-human", "7001", "هلا عيني", now.AddSeconds(5)));
            Assert.Equal("human", await host.ScalarAsync<string>("SELECT owner FROM conversations"));
            Assert.Equal(0L, await host.ScalarAsync<long>("SELECT count(*) FROM webhook_deliveries WHERE status <> 'processed'"));
        });

    [Fact]
    public Task A_delivery_that_fails_is_marked_failed_on_one_pooled_connection() =>
        RunAsync(OnePooledConnection(), async host =>
        {
            // The event's transaction fails inside the database, as a constraint or an outage would.
            await host.ExecAsync("""
                CREATE FUNCTION test_refuse_message() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$
                """);
            await host.ExecAsync("""
                CREATE TRIGGER test_refuse_message BEFORE INSERT ON messages FOR EACH ROW
                WHEN (NEW.text = 'refuse me') EXECUTE FUNCTION test_refuse_message()
                """);

            await Assert.ThrowsAnyAsync<Exception>(() =>
                host.DeliverAsync(ChannelPlatform.Instagram, EndToEndHost.IgText("mid.pool-fail", "7002", "refuse me", DateTimeOffset.UtcNow)));

            // The failure is on the delivery for operators to see (and the job's retry will run it again).
            var row = (await host.RowsAsync("SELECT status, error FROM webhook_deliveries")).Single();
            Assert.Equal("failed", row["status"]);
            Assert.Contains("refused by the test", (string)row["error"]!);
        });
}
