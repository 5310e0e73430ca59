using AiSales.Tests.Infrastructure;
using AiSales.Worker.Inbound;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace AiSales.Tests.Ingest;

/// <summary>
/// The Worker in-process (its real Program, consuming Wolverine's queues) on a database the Webhooks service already
/// filled: what ingest queued is proven queued by the Worker processing it.
/// </summary>
public sealed class IngestWorker(string connectionString, string redis) : WebApplicationFactory<PipelineTelemetry>
{
    public static async Task<IngestWorker> StartAsync(string connectionString)
    {
        var infra = await TestInfrastructure.GetAsync();
        var worker = new IngestWorker(connectionString, infra.RedisConnectionString);
        worker.CreateClient().Dispose(); // start: listeners on the queues
        return worker;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:aisales", connectionString);
        builder.UseSetting("ConnectionStrings:redis", redis);
        builder.UseSetting("Security:EncryptionKey", Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 5 + 1)).ToArray()));
        builder.UseSetting("Pipeline:RedisKeyPrefix", $"test:{new NpgsqlConnectionStringBuilder(connectionString).Database}:{Guid.NewGuid():N}:");
        builder.UseSetting("Meta:AppId", "1234567890");
        builder.UseSetting("Ai:Provider", "offline");
    }

    /// <summary>Waits until no delivery is left unprocessed (generous: the machine is shared and slow).</summary>
    public static async Task WaitUntilAllProcessedAsync(string connectionString, TimeSpan timeout)
    {
        // The test's own reads wait for a session as long as it takes: a private server's string may carry a short connect
        // timeout meant for the service under test (PrivatePostgres: 3 s, so ingest notices an outage quickly).
        connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 60 }.ConnectionString;
        await Eventually.UntilAsync(async () =>
            await TestSql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM webhook_deliveries WHERE status <> 'processed'") == 0,
            "every delivery processed", timeout);
    }
}
