using System.Text.Json.Nodes;
using AiSales.Core.Sending.Templates;
using AiSales.Tests.Channels;
using AiSales.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Sending.Templates;

/// <summary>Listing a WABA's templates from the Graph fake: every page, and Meta's refusals in the merchant's terms.</summary>
public sealed class TemplateListClientTests : IAsyncLifetime
{
    private ChannelTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ChannelTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private TemplateListClient Client => ActivatorUtilities.CreateInstance<TemplateListClient>(_host.Services);

    private static JsonArray Body(string text) => [new JsonObject { ["type"] = "BODY", ["text"] = text }];

    [Fact]
    public async Task Every_page_is_read_with_the_token_in_the_header()
    {
        _host.Graph.AddTemplate("102290129340398", "order_update", "ar", "APPROVED", "UTILITY", Body("هلا {{1}} طلبك {{2}}"));
        _host.Graph.AddTemplate("102290129340398", "lead_welcome", "ar", "APPROVED", "MARKETING", Body("هلا {{1}}"));
        _host.Graph.AddTemplate("102290129340398", "promo", "en_US", "REJECTED", "MARKETING", Body("Sale!"));

        var listing = await Client.ListAsync("102290129340398", "EAAG-secret-token", CancellationToken.None);

        Assert.True(listing.Ok);
        Assert.Equal(["order_update", "lead_welcome", "promo"], listing.Templates.Select(t => t.Name));
        var reads = _host.Graph.Requests.Where(r => r.Path.EndsWith("/message_templates", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, reads.Count); // two templates a page
        Assert.All(reads, r => Assert.Equal("EAAG-secret-token", r.BearerToken));
        Assert.All(reads, r => Assert.DoesNotContain("EAAG", r.Query, StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Logs.Lines, m => m.Contains("EAAG-secret-token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_waba_and_a_dead_token_are_told_apart()
    {
        Assert.Equal(TemplateSyncProblems.WrongWaba, (await Client.ListAsync("999", "token", CancellationToken.None)).Problem);
        _host.Graph.AddTemplate("555", "x", "ar", "APPROVED", "UTILITY", Body("x"));
        Assert.Equal(TemplateSyncProblems.TokenRefused, (await Client.ListAsync("555", FakeGraphApi.ExpiredToken, CancellationToken.None)).Problem);
    }
}
