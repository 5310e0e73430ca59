using AiSales.Worker.Inbound;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;

namespace AiSales.Tests.Infrastructure;

/// <summary>
/// The Worker in-process (its real Program: migrations, messaging, pipeline) on a database of its own, cloned from the
/// migrated template, as a test class fixture. What the Worker hosts share lives here: the database's life, the settings
/// every Worker needs, running a job inline and the SQL helpers. A host adds its fakes (started before the Worker, so
/// its settings can point at them), its own settings and its seed rows.
/// </summary>
public abstract class WorkerTestHost(string databasePrefix) : WebApplicationFactory<PipelineTelemetry>, IAsyncLifetime
{
    /// <summary>The Worker's token encryption key unless a host sets its own (<see cref="TokenKey"/>): fixed, so another
    /// service a test starts on the same database (the Dashboard's pages) reads the tokens the Worker's rows hold.</summary>
    public static readonly string EncryptionKey = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 7 + 3)).ToArray());

    public string ConnectionString { get; private set; } = "";
    public string RedisConnectionString { get; private set; } = "";

    /// <summary>This host's database name: also the prefix of its Redis keys, as other test classes replay the same ids.</summary>
    protected string DatabaseName => new NpgsqlConnectionStringBuilder(ConnectionString).Database!;

    protected virtual string TokenKey => EncryptionKey;

    public async Task InitializeAsync()
    {
        await StartFakesAsync();
        var infra = await TestInfrastructure.GetAsync();
        RedisConnectionString = infra.RedisConnectionString;
        ConnectionString = await infra.CreateMigratedDatabaseAsync(databasePrefix);
        CreateClient().Dispose(); // starts the Worker: its migrations find nothing to do, Wolverine its tables
        await SeedAsync();
    }

    /// <summary>Fakes the Worker's settings point at; started before the Worker.</summary>
    protected virtual Task StartFakesAsync() => Task.CompletedTask;

    /// <summary>Rows every test of the class starts from (merchant, channels, …), written once the Worker is up.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    protected virtual ValueTask DisposeFakesAsync() => ValueTask.CompletedTask;

    /// <summary>The host's own settings, applied after the common ones (so they win).</summary>
    protected virtual void ConfigureWorker(IWebHostBuilder builder) { }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await DisposeFakesAsync();
        await (await TestInfrastructure.GetAsync()).DropDatabaseAsync(ConnectionString);
    }

    protected sealed override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:aisales", ConnectionString);
        builder.UseSetting("ConnectionStrings:redis", RedisConnectionString);
        builder.UseSetting("Security:EncryptionKey", TokenKey);
        builder.UseSetting("Pipeline:RedisKeyPrefix", $"test:{DatabaseName}:");
        builder.UseSetting("Meta:AppId", "1234567890");
        ConfigureWorker(builder);
    }

    /// <summary>Runs a job inline, as its queue would (exceptions surface in the test).</summary>
    public async Task InvokeAsync(object message)
    {
        using var scope = Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(message, default, TimeSpan.FromSeconds(30));
    }

    public Task<T> ScalarAsync<T>(string sql, params object?[] args) => TestSql.ScalarAsync<T>(ConnectionString, sql, args);

    public Task<int> ExecAsync(string sql, params object?[] args) => TestSql.ExecAsync(ConnectionString, sql, args);

    public Task<List<Dictionary<string, object?>>> RowsAsync(string sql, params object?[] args) => TestSql.RowsAsync(ConnectionString, sql, args);

    /// <summary>The one row the query returns, as column name → value.</summary>
    public async Task<Dictionary<string, object?>> RowAsync(string sql, params object?[] args) => Assert.Single(await RowsAsync(sql, args));
}
