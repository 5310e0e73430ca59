using AiSales.Core.Sending.Transports;
using AiSales.Core.Sending.Transports.Sandbox;
using AiSales.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiSales.Tests.Channels;

/// <summary>
/// The senders wired as the services wire them: AddServiceDefaults (the real standard resilience handler and service
/// discovery on every HttpClient), then AddChannelSenders, with the Graph hosts and ManyChat pointed at local fakes.
/// Separate fakes for graph.facebook.com and graph.instagram.com show which host was used.
/// </summary>
public sealed class ChannelTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ChannelTestHost(IHost host, FakeGraphApi graph, FakeGraphApi instagram, FakeManyChat manyChat, CapturingLoggerProvider logs)
    {
        _host = host;
        Graph = graph;
        InstagramGraph = instagram;
        ManyChat = manyChat;
        Logs = logs;
    }

    public IServiceProvider Services => _host.Services;
    public FakeGraphApi Graph { get; }
    public FakeGraphApi InstagramGraph { get; }
    public FakeManyChat ManyChat { get; }
    public CapturingLoggerProvider Logs { get; }

    public ChannelSenderRegistry Registry => Services.GetRequiredService<ChannelSenderRegistry>();
    public ISandboxOutbox SandboxOutbox => Services.GetRequiredService<ISandboxOutbox>();

    public static async Task<ChannelTestHost> StartAsync(TimeSpan? sendTimeout = null, string? graphBaseOverride = null)
    {
        var graph = await FakeGraphApi.StartNewAsync();
        var instagram = await FakeGraphApi.StartNewAsync();
        var manyChat = await FakeManyChat.StartNewAsync();
        // No defaults: the test folder's appsettings.json (copied from the services) would filter HttpClient's own logs,
        // which the token test must see.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Meta:GraphApiBaseUrl"] = graphBaseOverride ?? graph.BaseUrl,
            ["Meta:InstagramGraphApiBaseUrl"] = instagram.BaseUrl,
            ["Meta:GraphApiVersion"] = "v24.0",
            ["ManyChat:BaseUrl"] = manyChat.BaseUrl,
            ["Channels:Sending:Timeout"] = (sendTimeout ?? TimeSpan.FromSeconds(10)).ToString(),
        });

        var logs = new CapturingLoggerProvider();
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        builder.AddServiceDefaults();
        builder.Services.AddChannelSenders();
        var host = builder.Build();
        // Started like a service, so the resilience options are validated as they are at a service's start.
        await host.StartAsync();
        return new ChannelTestHost(host, graph, instagram, manyChat, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await Graph.DisposeAsync();
        await InstagramGraph.DisposeAsync();
        await ManyChat.DisposeAsync();
    }
}
