using Npgsql;

namespace AiSales.AppHost.Resources;

/// <summary>
/// The files of one private Postgres: a cluster under <c>&lt;state&gt;/data/&lt;name&gt;</c> kept between runs (loopback
/// only, scram-sha-256 over TCP), and a Unix socket in a directory only the server's account can enter, with trust
/// there, so the AppHost can always set the password it hands out.
/// </summary>
internal sealed record LocalPostgresCluster(string BinDirectory, string DataDirectory, string SocketDirectory, ServerAccount? Account)
{
    private static readonly UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public async Task PrepareAsync(string password, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DataDirectory)!);
        Directory.CreateDirectory(SocketDirectory, OwnerOnly);
        if (Account is not null)
        {
            Account.EnsureCanReach(Path.GetDirectoryName(DataDirectory)!);
            Account.EnsureCanReach(Path.GetDirectoryName(SocketDirectory)!);
            Account.TakeOwnership(SocketDirectory);
        }
        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION"))) return;

        // No cluster, or half of one from an interrupted first run.
        if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
        Directory.CreateDirectory(DataDirectory, OwnerOnly);
        var passwordFile = Path.Combine(SocketDirectory, "initdb.pw");
        await File.WriteAllTextAsync(passwordFile, password, ct);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (Account is not null)
        {
            Account.TakeOwnership(DataDirectory);
            Account.TakeOwnership(passwordFile);
        }
        try
        {
            var (file, args) = ServerAccount.Command(Account, Path.Combine(BinDirectory, "initdb"),
                "-D", DataDirectory, "-U", LocalPostgresResource.UserName, "--pwfile", passwordFile, "-E", "UTF8", "--locale=C.UTF-8",
                "--auth-host=scram-sha-256", "--auth-local=trust", "--no-instructions");
            await Commands.RunAsync(file, args, ct);
        }
        finally { File.Delete(passwordFile); }
    }

    /// <summary>For a cluster that predates the current secret (e.g. secrets.json deleted, data kept).</summary>
    public async Task ResetPasswordAsync(int port, string password, CancellationToken ct)
    {
        var socket = new NpgsqlConnectionStringBuilder
        {
            Host = SocketDirectory, Port = port, Username = LocalPostgresResource.UserName, Database = "postgres", Timeout = 3, Pooling = false,
        };
        await using var connection = new NpgsqlConnection(socket.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"ALTER ROLE \"{LocalPostgresResource.UserName}\" PASSWORD '{password.Replace("'", "''")}'", connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task CreateDatabaseIfMissingAsync(string serverConnectionString, string database, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database } } };
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"")}\"", connection);
        await create.ExecuteNonQueryAsync(ct);
    }
}
