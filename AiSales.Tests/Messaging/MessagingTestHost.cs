using System.Collections.Concurrent;
using AiSales.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;
using Wolverine.Postgresql;

namespace AiSales.Tests.Messaging;

/// <summary>What handlers saw, shared with the test through DI.</summary>
public sealed class Recorder
{
    public ConcurrentQueue<(object Message, DateTimeOffset At, string? TraceId)> Handled { get; } = new();
    public ConcurrentDictionary<string, int> Calls { get; } = new();
    public volatile bool Fail = true;

    public void Record(object message, string key)
    {
        Handled.Enqueue((message, DateTimeOffset.UtcNow, System.Diagnostics.Activity.Current?.TraceId.ToString()));
        Calls.AddOrUpdate(key, 1, (_, n) => n + 1);
    }

    public int CallsFor(string key) => Calls.GetValueOrDefault(key);
}

/// <summary>A generic host with only the given handler types, on its own database, with fast timers.</summary>
public static class MessagingTestHost
{
    public static IHost Build(string connectionString, Action<WolverineOptions>? configure = null, Recorder? recorder = null, params Type[] handlers)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(recorder ?? new Recorder());
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddWolverine(opts =>
        {
            opts.Discovery.DisableConventionalDiscovery();
            foreach (var h in handlers) opts.Discovery.IncludeType(h);
            opts.PersistMessagesWithPostgresql(connectionString);
            opts.Durability.WorkerCount = 4;
            opts.Durability.PollingInterval = TimeSpan.FromMilliseconds(200);
            opts.Durability.RecoveryInterval = TimeSpan.FromMilliseconds(200);
            opts.Durability.HeartbeatInterval = TimeSpan.FromSeconds(1);
            opts.Durability.DrainTimeout = TimeSpan.FromSeconds(5);
            configure?.Invoke(opts);
        });
        return builder.Build();
    }

    public static async Task<string> CreateDatabaseWithSchemaAsync()
    {
        var infra = await TestInfrastructure.GetAsync();
        var cs = await infra.CreateDatabaseAsync("msg");
        await ExecAsync(cs, PostgresqlSchema.CreateSql());
        return cs;
    }

    public static async Task<int> ExecAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Polls a condition; generous timeout so slow CI machines pass, fails with a message otherwise.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for: {what}");
            await Task.Delay(50);
        }
    }

    public static Task EventuallyAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        EventuallyAsync(() => Task.FromResult(condition()), what, timeout);
}
