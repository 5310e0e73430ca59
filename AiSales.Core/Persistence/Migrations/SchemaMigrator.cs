using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiSales.Core.Persistence.Migrations;

/// <summary>
/// Applies the ordered SQL migrations. The whole run holds a session-level advisory lock, so when several
/// services start together one migrates and the others wait, then find nothing left to do. Each file
/// runs in its own transaction together with its schema_migrations row: it is applied entirely or not at all.
/// </summary>
public sealed class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    /// <summary>Arbitrary but fixed: every AiSales process must use the same key.</summary>
    public const long AdvisoryLockKey = 0x41695361_6C657331; // "AiSales1"

    /// <summary>Longest we wait for another process's migration before giving up.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest one migration file may run.</summary>
    public TimeSpan ScriptTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public Task<IReadOnlyList<MigrationScript>> MigrateAsync(CancellationToken cancellationToken = default) =>
        MigrateAsync(MigrationScript.LoadEmbedded(), cancellationToken);

    /// <summary>Applies the scripts not yet recorded; returns those it applied.</summary>
    public async Task<IReadOnlyList<MigrationScript>> MigrateAsync(IReadOnlyList<MigrationScript> scripts, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        await AcquireLockAsync(connection, cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer     PRIMARY KEY,
                    name       text        NOT NULL,
                    checksum   text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, cancellationToken);

            var applied = await ReadAppliedAsync(connection, cancellationToken);
            var known = scripts.Select(s => s.Version).ToHashSet();
            foreach (var (version, (name, _)) in applied.Where(a => !known.Contains(a.Key)))
                logger.LogWarning("Database has migration {MigrationVersion} ({MigrationName}) that this build does not know; it was probably applied by a newer version", version, name);

            var done = new List<MigrationScript>();
            foreach (var script in scripts.OrderBy(s => s.Version))
            {
                if (applied.TryGetValue(script.Version, out var existing))
                {
                    if (existing.Checksum != script.Checksum)
                        throw new MigrationChecksumException(script.Version, script.Name, existing.Checksum, script.Checksum);
                    continue;
                }

                var stopwatch = Stopwatch.StartNew();
                await using (var tx = await connection.BeginTransactionAsync(cancellationToken))
                {
                    await ExecuteAsync(connection, tx, script.Sql, cancellationToken, ScriptTimeout);
                    await using var record = new NpgsqlCommand(
                        "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", connection, tx);
                    record.Parameters.Add(new() { Value = script.Version });
                    record.Parameters.Add(new() { Value = script.Name });
                    record.Parameters.Add(new() { Value = script.Checksum });
                    await record.ExecuteNonQueryAsync(cancellationToken);
                    await tx.CommitAsync(cancellationToken);
                }

                logger.LogInformation("Applied migration {MigrationVersion} {MigrationName} (checksum {MigrationChecksum}) in {ElapsedMs} ms",
                    script.Version, script.Name, script.Checksum, stopwatch.ElapsedMilliseconds);
                done.Add(script);
            }

            if (done.Count == 0)
                logger.LogInformation("Database schema is up to date at version {SchemaVersion}", applied.Count == 0 ? 0 : applied.Keys.Max());
            return done;
        }
        finally
        {
            // Unlock even if cancelled: the lock belongs to this pooled connection's session.
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private async Task AcquireLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(LockTimeout);
        try
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", timeout.Token, LockTimeout + TimeSpan.FromSeconds(30));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Another process held the schema migration lock for more than {LockTimeout}.");
        }
    }

    private static async Task<Dictionary<int, (string Name, string Checksum)>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, (string, string)>();
        await using var cmd = new NpgsqlCommand("SELECT version, name, checksum FROM schema_migrations", connection);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = (int)(timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds };
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
