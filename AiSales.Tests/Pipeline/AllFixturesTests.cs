using AiSales.Tests.Inbound;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Runtime;

namespace AiSales.Tests.Pipeline;

/// <summary>Every captured Meta payload goes through the whole pipeline without an error.</summary>
public sealed class AllFixturesTests(PipelineHost host) : IClassFixture<PipelineHost>
{
    public static TheoryData<string> Fixtures => [.. MetaFixtures.All];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Fixture_delivery_ends_processed(string name)
    {
        var id = await host.DeliverFixtureAsync(name);

        var row = await host.RowAsync("SELECT status, event_count, error FROM webhook_deliveries WHERE id = $1", id);
        Assert.Equal("processed", row["status"]);
        Assert.Null(row["error"]);
        Assert.True((int)row["event_count"]! >= 1, $"{name}: no events");
        var dead = await host.Services.GetRequiredService<IWolverineRuntime>().Storage.DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery(), default);
        Assert.Empty(dead.Envelopes);
    }
}
