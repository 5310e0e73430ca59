using System.Net;
using System.Net.Sockets;
using System.Text;
using AiSales.Core.Inbound;
using AiSales.Core.Inbound.Events;
using AiSales.Core.Persistence.Entities;
using AiSales.Dashboard.Simulator;
using AiSales.Tests.Infrastructure;
using AiSales.Tests.Ingest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiSales.Tests.Simulator;

public sealed class SimulatorClientTests : IAsyncLifetime
{
    private WebhooksAppFactory _webhooks = null!;

    public async Task InitializeAsync() => _webhooks = await WebhooksAppFactory.StartAsync("sim");

    public async Task DisposeAsync() => await _webhooks.DisposeAsync();

    /// <summary>AddSimulator as a host would call it, with the typed client's handler pointed at the in-process Webhooks app.</summary>
    private ServiceProvider Services(Dictionary<string, string?> settings, Func<HttpMessageHandler>? handler = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        var client = services.AddSimulator();
        if (handler is not null) client.ConfigurePrimaryHttpMessageHandler(handler);
        return services.BuildServiceProvider();
    }

    [Theory]
    [InlineData(SimulatedKind.Text)]
    [InlineData(SimulatedKind.Attachment)]
    [InlineData(SimulatedKind.StoryReply)]
    [InlineData(SimulatedKind.Comment)]
    public async Task Signed_payload_is_accepted_and_stored_by_the_real_ingest(SimulatedKind kind)
    {
        await using var provider = Services(new() { ["Meta:AppSecrets:0"] = WebhooksAppFactory.AppSecret }, () => _webhooks.Server.CreateHandler());
        var simulator = provider.GetRequiredService<SimulatorClient>();

        var result = await simulator.SendAsync(new SimulatedMessage("17841400000000001", "sim-user", "شكد سعر القميص؟", kind) { TargetId = "story-1" });

        Assert.True(result.Accepted, result.Error);
        Assert.Equal(200, result.StatusCode);
        var body = await TestSql.ScalarAsync<byte[]>(_webhooks.ConnectionString, "SELECT body FROM webhook_deliveries");
        Assert.Contains(result.MessageId, Encoding.UTF8.GetString(body));

        // What the worker will make of the stored bytes: one customer event from sim-user to the sandbox account.
        var events = new MetaPayloadNormalizer().Normalize(ChannelPlatform.Instagram, body);
        var evt = Assert.Single(events);
        Assert.Equal("sim-user", evt.CustomerId);
        Assert.Equal("17841400000000001", evt.RecipientAccountId);
        Assert.Equal(kind switch
        {
            SimulatedKind.Comment => InboundEventKind.Comment,
            SimulatedKind.StoryReply => InboundEventKind.StoryReply,
            _ => InboundEventKind.Message,
        }, evt.Kind);
    }

    [Fact]
    public async Task Every_message_gets_its_own_mid()
    {
        await using var provider = Services(new() { ["Meta:AppSecrets:0"] = WebhooksAppFactory.AppSecret }, () => _webhooks.Server.CreateHandler());
        var simulator = provider.GetRequiredService<SimulatorClient>();

        var first = await simulator.SendCustomerMessageAsync("17841400000000001", "sim-user", "هلو");
        var second = await simulator.SendCustomerMessageAsync("17841400000000001", "sim-user", "هلو");

        Assert.NotEqual(first.MessageId, second.MessageId);
        Assert.Equal(2, await _webhooks.ScalarAsync("SELECT count(*) FROM webhook_deliveries"));
    }

    [Fact]
    public async Task Wrong_secret_is_reported_with_the_status_the_service_gave()
    {
        await using var provider = Services(new() { ["Meta:AppSecrets:0"] = "not-the-secret" }, () => _webhooks.Server.CreateHandler());
        var result = await provider.GetRequiredService<SimulatorClient>().SendCustomerMessageAsync("1784", "sim-user", "hi");

        Assert.False(result.Accepted);
        Assert.Equal(401, result.StatusCode);
        Assert.Contains("401", result.Error);
        Assert.Equal(0, await _webhooks.ScalarAsync("SELECT count(*) FROM webhook_deliveries"));
    }

    [Fact]
    public async Task Webhooks_down_is_a_clear_error_not_an_exception()
    {
        // A port that was free a moment ago: nothing listens there.
        var port = AiSales.Tests.Infrastructure.FreePort.Next();
        await using var provider = Services(new()
        {
            ["Meta:AppSecrets:0"] = WebhooksAppFactory.AppSecret,
            ["Simulator:WebhooksBaseUrl"] = $"http://127.0.0.1:{port}",
        });

        var result = await provider.GetRequiredService<SimulatorClient>().SendCustomerMessageAsync("1784", "sim-user", "hi");

        Assert.False(result.Accepted);
        Assert.Null(result.StatusCode);
        Assert.Contains("not reachable", result.Error);
        Assert.Contains($"127.0.0.1:{port}", result.Error);
    }

    [Fact]
    public async Task Missing_secret_says_which_setting_to_give()
    {
        await using var provider = Services(new());
        var result = await provider.GetRequiredService<SimulatorClient>().SendCustomerMessageAsync("1784", "sim-user", "hi");
        Assert.False(result.Accepted);
        Assert.Contains("Meta__AppSecrets__0", result.Error);
    }
}
