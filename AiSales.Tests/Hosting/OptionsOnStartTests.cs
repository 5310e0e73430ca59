using AiSales.Core.Operations;
using AiSales.Core.Replies;
using AiSales.Core.Sending;
using AiSales.Core.Sending.RateLimiting;
using AiSales.Core.Sending.Transports;
using AiSales.Webhooks.Ingest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiSales.Tests.Hosting;

/// <summary>
/// Every section the services read is checked when the host starts, and the failure names the key to fix: one case per
/// registration whose values have a range.
/// </summary>
[Trait("Category", "Unit")]
public sealed class OptionsOnStartTests
{
    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "Retention:Days", "0", "Retention:Days" },
        { "Retention:BatchSize", "10", "Retention:BatchSize" },
        { "Retention:Interval", "00:00:00", "Retention:Interval" },
        { "Sending:MaxAttempts", "0", "Sending:MaxAttempts" },
        { "Sending:RetryBackoff:0", "-00:00:05", "Sending:RetryBackoff" },
        { "Channels:RateLimits:WhatsAppPair:Burst", "0", "Channels:RateLimits:WhatsAppPair:Burst" },
        { "Channels:RateLimits:InstagramText:Period", "00:00:00", "Channels:RateLimits:InstagramText:Period" },
        { "Channels:Sending:Timeout", "00:10:00", "Channels:Sending:Timeout" },
        { "Meta:GraphApiBaseUrl", "graph", "Meta:GraphApiBaseUrl" },
        { "Meta:GraphApiVersion", "24", "Meta:GraphApiVersion" },
        { "ManyChat:BaseUrl", "manychat", "ManyChat:BaseUrl" },
        { "Ai:HandoffConfidenceThreshold", "2", "Ai:HandoffConfidenceThreshold" },
        { "Ai:MaxRetries", "-1", "Ai:MaxRetries" },
        { "Ai:StructuredOutput", "xml", "Ai:StructuredOutput" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_value_out_of_range_stops_the_start_naming_its_key(string key, string value, string named)
    {
        using var host = Build(new() { [key] = value });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        // Several sections failing at once (a send timeout also sizes the HTTP pipelines' options) arrive as one aggregate.
        var failures = (error is AggregateException all ? all.InnerExceptions : [error])
            .OfType<OptionsValidationException>().SelectMany(e => e.Failures);
        Assert.Contains(failures, f => f.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_defaults_start()
    {
        using var host = Build([]);
        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public void Retention_reads_the_key_the_README_used_to_document_unless_the_new_one_is_set()
    {
        Assert.Equal(7, Retention(new() { ["Webhooks:RetentionDays"] = "7" }).Days);
        Assert.Equal(9, Retention(new() { ["Webhooks:RetentionDays"] = "7", ["Retention:Days"] = "9" }).Days);
        Assert.Equal(30, Retention([]).Days);
    }

    [Fact]
    public void Ingest_requires_the_secrets_that_the_other_services_do_not()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Meta:AppId"] = "1" });
        builder.AddIngest();
        using var host = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<Core.Channels.MetaOptions>>().Value);

        Assert.Contains("Meta:VerifyToken is required (env Meta__VerifyToken).", error.Failures);
        Assert.Contains("Meta:AppSecrets needs at least one secret (env Meta__AppSecrets__0).", error.Failures);
        // The senders read the same section and start without them.
        using var senders = Build([]);
        Assert.Equal("v24.0", senders.Services.GetRequiredService<IOptions<Core.Channels.MetaOptions>>().Value.GraphApiVersion);
    }

    private static RetentionOptions Retention(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddRetentionOptions();
        return services.BuildServiceProvider().GetRequiredService<IOptions<RetentionOptions>>().Value;
    }

    /// <summary>The registrations as the services call them, without their databases: only the options are started.</summary>
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddRetentionOptions();
        builder.Services.AddOutboundSending();
        builder.Services.AddChannelRateLimiter();
        builder.Services.AddChannelSenders();
        builder.Services.AddAiReplies(builder.Configuration);
        return builder.Build();
    }
}
