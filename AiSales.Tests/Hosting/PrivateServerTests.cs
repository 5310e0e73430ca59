using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using AiSales.AppHost.Resources;
using AiSales.Tests.Infrastructure;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;

namespace AiSales.Tests.Hosting;

/// <summary>Postgres and Redis from the machine's binaries as Aspire resources (no container engine here, nor in CI).</summary>
public class PrivateServerTests
{
    [Fact]
    public async Task Local_postgres_and_redis_start_answer_with_passwords_and_leave_no_process()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var host = TestAppHost.CreateEmpty();
        var pids = new List<int>();
        await using (host)
        {
            var b = host.Builder;
            b.AddLocalPostgres("pg", b.AddParameter("pg-password", "pg-Secret-1", secret: true), host.StateDirectory).AddDatabase("shop");
            b.AddLocalRedis("cache", b.AddParameter("cache-password", "cache-Secret-1", secret: true), host.StateDirectory);
            var app = await host.StartAsync(timeout.Token);
            // The database child publishes its own state: waiting on it ends (it would hang under a plain executable parent).
            await app.ResourceNotifications.WaitForResourceHealthyAsync("shop", timeout.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("cache", timeout.Token);
            pids.AddRange([host.Pid("pg")!.Value, host.Pid("cache")!.Value]);

            // Aspire's connection-string shapes, and the database exists on it (password auth over TCP).
            var shop = (await app.GetConnectionStringAsync("shop", timeout.Token))!;
            Assert.Matches("^Host=localhost;Port=[0-9]+;Username=postgres;Password=pg-Secret-1;Database=shop$", shop);
            await using (var conn = new NpgsqlConnection(shop))
            {
                await conn.OpenAsync(timeout.Token);
                await using var cmd = new NpgsqlCommand("SELECT current_database()", conn);
                Assert.Equal("shop", await cmd.ExecuteScalarAsync(timeout.Token));
            }
            var wrong = new NpgsqlConnectionStringBuilder(shop) { Password = "wrong" };
            await using (var bad = new NpgsqlConnection(wrong.ConnectionString))
                Assert.Equal(PostgresErrorCodes.InvalidPassword, (await Assert.ThrowsAsync<PostgresException>(() => bad.OpenAsync(timeout.Token))).SqlState);

            var redis = (await app.GetConnectionStringAsync("cache", timeout.Token))!;
            Assert.Matches("^localhost:[0-9]+,password=cache-Secret-1$", redis);
            Assert.Equal("+OK", await RedisAsync(redis, includePassword: true, "SET", "k", "v"));
            Assert.Equal("$1", await RedisAsync(redis, includePassword: true, "GET", "k"));
            Assert.StartsWith("-NOAUTH", await RedisAsync(redis, includePassword: false, "GET", "k"));
            // The password lives in a 0600 file, never on a command line that ps shows.
            Assert.DoesNotContain("cache-Secret-1", await File.ReadAllTextAsync($"/proc/{host.Pid("cache")}/cmdline", timeout.Token));

            if (Environment.UserName == "root")
                Assert.NotEqual("root", OwnerOf(host.Pid("pg")!.Value));
        }
        await ProcessAssert.AllGoneAsync(pids);
    }

    [Fact]
    public async Task Stopping_postgres_with_a_client_still_connected_is_a_fast_shutdown()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var host = TestAppHost.CreateEmpty();
        int pid;
        var stopwatch = new Stopwatch();
        await using (host)
        {
            var b = host.Builder;
            b.AddLocalPostgres("pg", b.AddParameter("pg-password", "pg-Secret-2", secret: true), host.StateDirectory);
            var app = await host.StartAsync(timeout.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("pg", timeout.Token);
            pid = host.Pid("pg")!.Value;
            // An idle client that never leaves: a smart shutdown (what SIGTERM means to Postgres) would wait for it.
            var cs = new NpgsqlConnectionStringBuilder(await app.GetConnectionStringAsync("pg", timeout.Token)) { Database = "postgres", Pooling = false };
            var idle = new NpgsqlConnection(cs.ConnectionString);
            await idle.OpenAsync(timeout.Token);
            stopwatch.Start();
            await app.StopAsync(timeout.Token);
            await ProcessAssert.AllGoneAsync([pid]);
            stopwatch.Stop();
        }
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"stop took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task Data_and_password_survive_a_restart_on_the_same_state_directory()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var keep = Directory.CreateTempSubdirectory("aisales-keep-").FullName;
        try
        {
            for (var run = 0; run < 2; run++)
            {
                await using var host = TestAppHost.CreateEmpty();
                var b = host.Builder;
                b.AddLocalPostgres("pg", b.AddParameter("pg-password", "pg-Secret-3", secret: true), keep).AddDatabase("shop");
                var app = await host.StartAsync(timeout.Token);
                await app.ResourceNotifications.WaitForResourceHealthyAsync("shop", timeout.Token);
                await using var conn = new NpgsqlConnection(await app.GetConnectionStringAsync("shop", timeout.Token));
                await conn.OpenAsync(timeout.Token);
                var sql = run == 0 ? "CREATE TABLE kept(v int); INSERT INTO kept VALUES (42); SELECT 42" : "SELECT v FROM kept";
                await using var cmd = new NpgsqlCommand(sql, conn);
                Assert.Equal(42, await cmd.ExecuteScalarAsync(timeout.Token));
            }
        }
        finally { StateDirectoryCleanup.Remove(keep, TimeSpan.FromSeconds(15)); }
    }

    [Fact]
    public void Missing_binary_fails_with_one_clear_message_naming_the_install_command()
    {
        var empty = Directory.CreateTempSubdirectory("aisales-nobin-");
        try
        {
            var builder = DistributedApplicationTestingBuilder.Create($"--AppHost:BinarySearchPath={empty.FullName}");
            var error = Assert.Throws<MissingPrerequisiteException>(() =>
                builder.AddLocalRedis("redis", builder.AddParameter("redis-password", "x", secret: true), empty.FullName));
            Assert.Contains("'redis-server'", error.Message);
            Assert.Contains("sudo apt-get install -y redis-server", error.Message);
            Assert.Contains("ConnectionStrings__redis", error.Message);

            var pg = Assert.Throws<MissingPrerequisiteException>(() =>
                builder.AddLocalPostgres("postgres", builder.AddParameter("postgres-password", "x", secret: true), empty.FullName));
            Assert.Contains("sudo apt-get install -y postgresql", pg.Message);
            Assert.Contains("ConnectionStrings__aisales", pg.Message);
        }
        finally { empty.Delete(); }
    }

    private static string OwnerOf(int pid)
    {
        var uid = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("Uid:")).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
        return File.ReadLines("/etc/passwd").Select(l => l.Split(':')).First(f => f[2] == uid)[0];
    }

    /// <summary>First reply line of one command, optionally after AUTH.</summary>
    private static async Task<string?> RedisAsync(string connectionString, bool includePassword, params string[] command)
    {
        var parts = connectionString.Split(',');
        var hostPort = parts[0].Split(':');
        var password = parts.Select(p => p.Split('=', 2)).First(kv => kv[0] == "password")[1];
        using var client = new TcpClient();
        await client.ConnectAsync(hostPort[0], int.Parse(hostPort[1]));
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.UTF8);
        if (includePassword)
        {
            await stream.WriteAsync(Encode("AUTH", password));
            Assert.Equal("+OK", await reader.ReadLineAsync());
        }
        await stream.WriteAsync(Encode(command));
        return await reader.ReadLineAsync();
    }

    private static byte[] Encode(params string[] args) => Encoding.UTF8.GetBytes(
        $"*{args.Length}\r\n" + string.Concat(args.Select(a => $"${Encoding.UTF8.GetByteCount(a)}\r\n{a}\r\n")));
}
