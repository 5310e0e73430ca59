using System.Net;
using System.Net.Sockets;
using AiSales.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiSales.Tests.ServiceDefaults;

public class NpgsqlDataSourceTests
{
    private static IHost Build(string? connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        if (connectionString is not null) builder.Configuration["ConnectionStrings:aisales"] = connectionString;
        builder.AddNpgsqlDataSource("aisales");
        return builder.Build();
    }

    [Fact]
    public async Task Health_check_is_healthy_against_the_test_postgres()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        using var host = Build(infrastructure.PostgresConnectionString);

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Entries["postgres"].Status);
        await using var connection = await host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
    }

    [Fact]
    public async Task Health_check_is_unhealthy_when_nothing_listens()
    {
        var closedPort = AiSales.Tests.Infrastructure.FreePort.Next();
        using var host = Build($"Host=127.0.0.1;Port={closedPort};Username=postgres;Database=postgres;Timeout=3");

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["postgres"].Status);
        Assert.DoesNotContain("Password", report.Entries["postgres"].Description ?? "");
    }

    [Fact]
    public async Task Missing_connection_string_stops_start_up_naming_the_key()
    {
        using var host = Build(connectionString: null);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ConnectionStrings:aisales", error.Message);
    }
}
