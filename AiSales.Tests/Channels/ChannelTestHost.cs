using AiSales.Core.Channels.Sending;
using AiSales.Core.Channels.Sandbox;
using AiSales.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiSales.Tests.Channels;

/// <summary>
/// The senders wired as the services wire them: every HttpClient gets the standard resilience handler
/// (what ServiceDefaults does), then AddChannelSenders, with the Graph hosts and ManyChat pointed at
/// local fakes. Separate fakes for graph.facebook.com and graph.instagram.com show which host was used.
/// </summary>
public sealed class ChannelTestHost : IAsyncDisposable
{
    private ChannelTestHost(ServiceProvider services, FakeGraphApi graph, FakeGraphApi instagram, FakeManyChat manyChat, CapturingLoggerProvider logs)
    {
        Services = services;
        Graph = graph;
        InstagramGraph = instagram;
        ManyChat = manyChat;
        Logs = logs;
    }

    public ServiceProvider Services { get; }
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
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Meta:GraphApiBaseUrl"] = graphBaseOverride ?? graph.BaseUrl,
            ["Meta:InstagramGraphApiBaseUrl"] = instagram.BaseUrl,
            ["Meta:GraphApiVersion"] = "v24.0",
            ["ManyChat:BaseUrl"] = manyChat.BaseUrl,
            ["Channels:Sending:Timeout"] = (sendTimeout ?? TimeSpan.FromSeconds(10)).ToString(),
        }).Build();

        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        services.AddChannelSenders(config);
        return new ChannelTestHost(services.BuildServiceProvider(validateScopes: true), graph, instagram, manyChat, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Graph.DisposeAsync();
        await InstagramGraph.DisposeAsync();
        await ManyChat.DisposeAsync();
    }
}
