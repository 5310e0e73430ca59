using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Tests.Infrastructure;
using AiSales.Tests.Sending;
using Xunit;

namespace AiSales.Tests.Messaging;

/// <summary>
/// Production loads only the handler code pre-generated into the Worker (Messaging:TypeLoadMode=Static). If a handler
/// changed without `dotnet run -- codegen write`, the Worker would fail to start there; here it fails this test first.
/// </summary>
public sealed class GeneratedHandlerCodeTests
{
    [Fact]
    public async Task The_worker_answers_a_customer_with_only_its_pre_generated_handler_code()
    {
        var host = new EndToEndHost(new Dictionary<string, string?> { ["Messaging:TypeLoadMode"] = "Static" });
        await host.InitializeAsync();
        try
        {
            await host.DeliverAsync(ChannelPlatform.Instagram, EndToEndHost.IgText("mid.static.1", "7001", "شكد سعر القميص", DateTimeOffset.UtcNow));
            await Eventually.UntilAsync(async () => await host.ScalarAsync<long>("SELECT count(*) FROM outbound_sends WHERE state = 'sent'") == 1,
                "the reply sent");
            await host.WaitForQueueIdleAsync(typeof(GenerateReply), typeof(SendMessage));
            Assert.Single(host.Graph.Requests);
        }
        finally
        {
            await ((IAsyncLifetime)host).DisposeAsync();
        }
    }
}
