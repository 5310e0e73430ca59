using AiSales.Tests.Infrastructure;
using Npgsql;

namespace AiSales.Tests.Hosting;

/// <summary>Whichever path it takes (shared servers from env, or private ones started as the AppHost starts them), tests get a working database.</summary>
public class TestInfrastructureTests
{
    [Fact]
    public async Task Creates_a_fresh_database_that_answers()
    {
        var infra = await TestInfrastructure.GetAsync();
        var cs = await infra.CreateDatabaseAsync("hosting");
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", conn);
        Assert.Equal(0L, await cmd.ExecuteScalarAsync());
        Assert.Contains(':', infra.RedisConnectionString);
    }
}
