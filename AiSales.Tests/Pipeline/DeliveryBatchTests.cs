using System.Text;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Messaging;
using AiSales.Tests.Infrastructure;

namespace AiSales.Tests.Pipeline;

/// <summary>
/// A group commit's deliveries reach the Worker as one <see cref="ProcessWebhookDeliveryBatch"/>; the Worker splits it
/// into a <see cref="ProcessWebhookDelivery"/> each on its durable local queue. Every delivery is processed, once, even
/// when the batch itself is handled twice (Wolverine redelivers it after a Worker died before marking it handled).
/// </summary>
public sealed class DeliveryBatchTests : IAsyncLifetime
{
    private readonly PipelineHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_host).DisposeAsync();

    private const string IgAccount = "17841400538867190";

    private static byte[] IgText(int i) => Encoding.UTF8.GetBytes($$$"""
        {"object":"instagram","entry":[{"time":1762031146380,"id":"{{{IgAccount}}}","messaging":[{"sender":{"id":"{{{5000 + i}}}"},
        "recipient":{"id":"{{{IgAccount}}}"},"timestamp":{{{1762031146380 + i}}},"message":{"mid":"mid.batch.{{{i}}}","text":"عندكم عبايات؟ {{{i}}}"}}]}]}
        """);

    private async Task<long[]> StoreDeliveriesAsync(int count)
    {
        var ids = new long[count];
        for (var i = 0; i < count; i++) ids[i] = await _host.InsertDeliveryAsync(ChannelPlatform.Instagram, IgText(i));
        return ids;
    }

    private Task UntilProcessedAsync(long[] ids) => Eventually.UntilAsync(async () =>
            await _host.ScalarAsync<long>("SELECT count(*) FROM webhook_deliveries WHERE id = ANY($1) AND status = 'processed'", ids) == ids.Length,
        $"{ids.Length} deliveries processed", TimeSpan.FromSeconds(60));

    [Fact]
    public async Task Each_delivery_of_a_batch_is_processed_into_its_own_conversation()
    {
        var ids = await StoreDeliveriesAsync(5);

        await _host.InvokeAsync(new ProcessWebhookDeliveryBatch(ids));

        await UntilProcessedAsync(ids);
        Assert.Equal(5, await _host.ScalarAsync<long>("SELECT count(*) FROM messages WHERE direction = 'inbound'"));
        Assert.Equal(5, await _host.ScalarAsync<long>("SELECT count(DISTINCT conversation_id) FROM messages"));
        Assert.Equal(5, await _host.ScalarAsync<long>("SELECT count(*) FROM webhook_deliveries WHERE event_count = 1"));
    }

    [Fact]
    public async Task A_batch_handled_twice_stores_each_message_once()
    {
        var ids = await StoreDeliveriesAsync(3);

        await _host.InvokeAsync(new ProcessWebhookDeliveryBatch(ids));
        await UntilProcessedAsync(ids);
        await _host.InvokeAsync(new ProcessWebhookDeliveryBatch(ids));
        // The second round's deliveries are queued too; wait until Wolverine holds none of them unhandled.
        await Eventually.UntilAsync(async () => (await QueueWork.HeldAsync<ProcessWebhookDelivery>(_host.Services)).Count == 0,
            "the redelivered batch's deliveries handled", TimeSpan.FromSeconds(60));

        Assert.Equal(3, await _host.ScalarAsync<long>("SELECT count(*) FROM messages WHERE direction = 'inbound'"));
        Assert.Equal(3, (await QueueWork.HeldAsync<GenerateReply>(_host.Services)).Count);
    }

    [Fact]
    public void A_lone_delivery_is_handed_over_as_itself_and_several_as_one_batch()
    {
        Assert.Equal(new ProcessWebhookDelivery(7), ProcessWebhookDeliveryBatch.For([7]));
        var batch = Assert.IsType<ProcessWebhookDeliveryBatch>(ProcessWebhookDeliveryBatch.For([7, 8, 9]));
        Assert.Equal([7L, 8L, 9L], batch.DeliveryIds);
    }
}
