using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;
using Wolverine.Postgresql;
using static AiSales.Tests.Messaging.MessagingTestHost;

namespace AiSales.Tests.Messaging;

public class OutboxTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly ActivitySource Source = new("AiSales.Tests.Messaging");
    private string _db = "";

    public async Task InitializeAsync() => _db = await (await Infrastructure.TestInfrastructure.GetAsync()).CreateDatabaseAsync("msg");
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Rolled_back_enqueue_is_never_handled_and_committed_one_is_with_its_trace_context()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "AiSales.Tests.Messaging" or "Wolverine",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var recorder = new Recorder();
        using var host = Build(_db, null, recorder, typeof(PongHandler), typeof(TracedHandler));
        await host.StartAsync();
        try
        {
            var outbox = host.Services.GetRequiredService<IPostgresqlOutbox>();
            await using var conn = new NpgsqlConnection(_db);
            await conn.OpenAsync();

            await using (var tx = await conn.BeginTransactionAsync())
            {
                await outbox.EnqueueAsync(conn, tx, [new Pong(1)]);
                await tx.RollbackAsync();
            }

            string traceId;
            using (var activity = Source.StartActivity("webhook ingest"))
            {
                traceId = activity!.TraceId.ToString();
                await using var tx = await conn.BeginTransactionAsync();
                await outbox.EnqueueAsync(conn, tx, [new Traced(2), new Pong(3)]);
                // Not visible to the listener before commit.
                await Task.Delay(300);
                Assert.Empty(recorder.Handled);
                await tx.CommitAsync();
            }

            await EventuallyAsync(() => recorder.CallsFor("traced") == 1 && recorder.CallsFor("pong") == 1, "committed messages handled", Wait);
            Assert.DoesNotContain(recorder.Handled, h => h.Message is Pong { Number: 1 });
            Assert.Equal(traceId, recorder.Handled.Single(h => h.Message is Traced).TraceId);
            // Handled jobs are deleted by the completer's next batch (CompletionBatchWindow), not at the handler's return.
            await EventuallyAsync(async () => await ScalarAsync<long>(_db, "SELECT count(*) FROM queue.jobs") == 0, "handled jobs completed", Wait);
        }
        finally { await host.StopAsync(); }
    }

    [Fact]
    public async Task Outbox_message_from_a_node_without_handlers_is_split_per_handler_by_the_consumer()
    {
        var recorder = new Recorder();
        // The sender knows no handlers (like the webhook ingest), so it stores one row for Fanned.
        using var sender = Build(_db, o => o.Durability.Mode = DurabilityMode.MediatorOnly, null);
        await sender.StartAsync();
        using var consumer = Build(_db, null, recorder, typeof(FirstFannedHandler), typeof(SecondFannedHandler));
        try
        {
            await using (var conn = new NpgsqlConnection(_db))
            {
                await conn.OpenAsync();
                await using var tx = await conn.BeginTransactionAsync();
                await sender.Services.GetRequiredService<IPostgresqlOutbox>().EnqueueAsync(conn, tx, [new Fanned(5)],
                    new DeliveryOptions { Headers = { ["x-tenant"] = "m-1" } });
                await tx.CommitAsync();
            }
            Assert.Equal(1L, await ScalarAsync<long>(_db, "SELECT count(*) FROM queue.jobs WHERE handler IS NULL"));

            await consumer.StartAsync();
            await EventuallyAsync(() => recorder.CallsFor("fanned-1") == 1 && recorder.CallsFor("fanned-2") == 1, "both handlers ran", Wait);
            await EventuallyAsync(async () => await ScalarAsync<long>(_db, "SELECT count(*) FROM queue.jobs") == 0, "jobs completed", Wait);
        }
        finally
        {
            await consumer.StopAsync();
            await sender.StopAsync();
        }
    }
}
