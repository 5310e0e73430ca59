using System.Net.Sockets;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;

namespace AiSales.Tests.Hosting;

public class PrivateServerTests
{
    [Fact]
    public async Task Private_postgres_and_redis_start_answer_and_leave_no_process()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddPostgres("pg").AddDatabase("shop");
        builder.AddRedis("cache");
        var app = await builder.BuildAsync(timeout.Token);
        var pids = new List<int>();
        try
        {
            await app.StartAsync(timeout.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("shop", timeout.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("cache", timeout.Token);
            pids.AddRange(app.ResourceNotifications.Snapshots.Where(s => s.Pid is not null).Select(s => s.Pid!.Value));
            Assert.Equal(2, pids.Count);

            // The database exists and answers on the connection string the app hands out (password auth over TCP).
            await using (var conn = new NpgsqlConnection(await app.GetConnectionStringAsync("shop", timeout.Token)))
            {
                await conn.OpenAsync(timeout.Token);
                await using var cmd = new NpgsqlCommand("SELECT current_database()", conn);
                Assert.Equal("shop", await cmd.ExecuteScalarAsync(timeout.Token));
            }
            // Without the password the server refuses.
            var noPassword = new NpgsqlConnectionStringBuilder(await app.GetConnectionStringAsync("pg", timeout.Token)) { Password = "wrong" };
            await using (var bad = new NpgsqlConnection(noPassword.ConnectionString))
                await Assert.ThrowsAsync<PostgresException>(() => bad.OpenAsync(timeout.Token));

            var redis = (await app.GetConnectionStringAsync("cache", timeout.Token))!;
            Assert.Equal("+OK", await RedisAsync(redis, includePassword: true, "SET", "k", "v"));
            Assert.Equal("$1", await RedisAsync(redis, includePassword: true, "GET", "k"));
            Assert.StartsWith("-NOAUTH", await RedisAsync(redis, includePassword: false, "GET", "k"));
        }
        finally
        {
            await app.DisposeAsync();
        }
        await ProcessAssert.AllGoneAsync(pids);
    }

    [Fact]
    public async Task Missing_binary_fails_with_one_clear_message()
    {
        var empty = Directory.CreateTempSubdirectory("aisales-nobin-");
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.Configuration["AppHost:BinarySearchPath"] = empty.FullName;
        builder.AddRedis("redis");
        await using var app = await builder.BuildAsync();
        try
        {
            var error = await Assert.ThrowsAsync<MissingPrerequisiteException>(() => app.StartAsync());
            Assert.Equal("redis-server", error.Binary);
            Assert.Contains("'redis-server' was not found", error.Message);
            Assert.Contains("sudo apt-get install postgresql redis-server", error.Message);
            Assert.Contains("brew install postgresql@15 redis", error.Message);
            Assert.Contains("ConnectionStrings__redis", error.Message);
            Assert.DoesNotContain(app.ResourceNotifications.Snapshots, s => s.Pid is not null);
        }
        finally { empty.Delete(); }
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
