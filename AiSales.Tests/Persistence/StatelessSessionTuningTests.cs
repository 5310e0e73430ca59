using AiSales.Core.Persistence;
using AiSales.Tests.Infrastructure;
using Npgsql;

namespace AiSales.Tests.Persistence;

/// <summary>The Worker's and the ingest's pool settings reach the server's sessions; an operator's own values win.</summary>
public class StatelessSessionTuningTests
{
    private static async Task<(string PlanCacheMode, bool NoReset, int AutoPrepare)> SessionAsync(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        StatelessSessionTuning.Apply(builder);
        await using var dataSource = builder.Build();
        await using var conn = await dataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("SHOW plan_cache_mode", conn);
        return ((string)(await cmd.ExecuteScalarAsync())!, builder.ConnectionStringBuilder.NoResetOnClose, builder.ConnectionStringBuilder.MaxAutoPrepare);
    }

    [Fact]
    public async Task Sessions_keep_one_generic_plan_per_prepared_statement_and_are_not_reset_on_return()
    {
        var infra = await TestInfrastructure.GetAsync();
        var (mode, noReset, autoPrepare) = await SessionAsync(infra.PostgresConnectionString);
        Assert.Equal("force_generic_plan", mode);
        Assert.True(noReset);
        Assert.Equal(StatelessSessionTuning.AutoPreparedStatements, autoPrepare);
    }

    [Fact]
    public async Task An_operators_own_options_are_kept_and_their_plan_cache_mode_wins()
    {
        var infra = await TestInfrastructure.GetAsync();
        var operatorCs = new NpgsqlConnectionStringBuilder(infra.PostgresConnectionString)
        {
            Options = "-c plan_cache_mode=auto -c application_name=ops", MaxAutoPrepare = 7,
        }.ConnectionString;
        var (mode, _, autoPrepare) = await SessionAsync(operatorCs);
        Assert.Equal("auto", mode);
        Assert.Equal(7, autoPrepare);

        var withOtherOptions = new NpgsqlConnectionStringBuilder(infra.PostgresConnectionString) { Options = "-c statement_timeout=5000" }.ConnectionString;
        var builder = new NpgsqlDataSourceBuilder(withOtherOptions);
        StatelessSessionTuning.Apply(builder);
        await using var dataSource = builder.Build();
        await using var conn = await dataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("SELECT current_setting('plan_cache_mode') || ' ' || current_setting('statement_timeout')", conn);
        Assert.Equal("force_generic_plan 5s", await cmd.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("", 10)]
    [InlineData(";Maximum Pool Size=40", 40)]
    [InlineData(";MaxPoolSize=40", 40)]
    [InlineData(";maximum pool size=100", 100)]
    public void A_services_pool_cap_applies_unless_the_connection_string_sets_its_own(string operatorPart, int expected)
    {
        var builder = new NpgsqlDataSourceBuilder("Host=127.0.0.1;Username=u" + operatorPart);
        StatelessSessionTuning.Apply(builder, maxPoolSize: 10);
        Assert.Equal(expected, builder.ConnectionStringBuilder.MaxPoolSize);

        var uncapped = new NpgsqlDataSourceBuilder("Host=127.0.0.1;Username=u");
        StatelessSessionTuning.Apply(uncapped);
        Assert.Equal(new NpgsqlConnectionStringBuilder().MaxPoolSize, uncapped.ConnectionStringBuilder.MaxPoolSize);
    }
}
