using Aspire.Hosting.ApplicationModel;
using Npgsql;

namespace Aspire.Hosting.Local;

/// <summary>A database on a Postgres server: created (if missing) once the server is healthy.</summary>
internal sealed class PostgresDatabaseRunner(PostgresDatabaseResource resource) : IResourceRunner
{
    public IReadOnlyList<string> Endpoints => [];

    public Task PrepareAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task<ManagedProcess?> StartAsync(CancellationToken ct)
    {
        if (resource.ExternalConnectionString is not null) return null;
        var cs = new NpgsqlConnectionStringBuilder(resource.Parent.ConnectionString) { Database = "postgres", Timeout = 5, Pooling = false };
        await using var conn = new NpgsqlConnection(cs.ConnectionString);
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", conn) { CommandTimeout = 5 };
        exists.Parameters.AddWithValue(resource.DatabaseName);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{resource.DatabaseName.Replace("\"", "\"\"")}\"", conn) { CommandTimeout = 30 };
            await create.ExecuteNonQueryAsync(ct);
        }
        return null;
    }

    public async Task<bool> IsHealthyAsync(CancellationToken ct)
    {
        try
        {
            var cs = new NpgsqlConnectionStringBuilder(resource.ConnectionString) { Timeout = 3, Pooling = false };
            await using var conn = new NpgsqlConnection(cs.ConnectionString);
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT 1", conn) { CommandTimeout = 3 };
            await cmd.ExecuteScalarAsync(ct);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException or InvalidOperationException) { return false; }
    }

    public Task StopAsync(ManagedProcess process) => Task.CompletedTask;
}
