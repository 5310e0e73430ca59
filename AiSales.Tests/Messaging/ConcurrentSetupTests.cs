using AiSales.Tests.Infrastructure;
using AiSales.Tests.Operations;
using Microsoft.Extensions.Hosting;

namespace AiSales.Tests.Messaging;

/// <summary>
/// Services starting together on a fresh database all start: Wolverine's setup creates missing tables without
/// IF NOT EXISTS, so a service that collides with another doing the same sets up again (RetryingResourceSetup).
/// </summary>
public sealed class ConcurrentSetupTests
{
    [Fact]
    public async Task Services_starting_together_on_a_fresh_database_all_start()
    {
        var infra = await TestInfrastructure.GetAsync();
        for (var round = 0; round < 3; round++)
        {
            var cs = await infra.CreateDatabaseAsync($"wsetup{round}");
            var hosts = Enumerable.Range(0, 3).Select(_ => OpsWolverineHost.Sender(cs)).ToList();
            try
            {
                await Task.WhenAll(hosts.Select(h => h.StartAsync())).WaitAsync(TimeSpan.FromSeconds(90));
                Assert.True(await TestSql.ScalarAsync<bool>(cs, "SELECT to_regclass('wolverine.wolverine_queue_sends') IS NOT NULL"));
            }
            finally
            {
                foreach (var h in hosts) { await h.StopAsync(); h.Dispose(); }
            }
        }
    }
}
