using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiSales.AppHost.Resources;

/// <summary>Redis from the machine's binary as an Aspire resource: <c>AddLocalRedis(...)</c>.</summary>
public static class LocalRedisBuilderExtensions
{
    /// <summary>
    /// A private redis-server under <c>&lt;state&gt;/data/&lt;name&gt;</c>: loopback only, requirepass, append-only file
    /// kept between runs. The password goes in a 0600 config file, never on the command line (where ps shows it).
    /// SIGTERM, DCP's stop signal, makes redis-server flush the append-only file and exit.
    /// </summary>
    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource> password, string stateDirectory)
    {
        var binary = new LocalBinaries(builder.Configuration["AppHost:BinarySearchPath"]).RedisServer(name);
        var dataDirectory = Path.Combine(stateDirectory, "data", name);
        var configFile = Path.Combine(dataDirectory, "redis.conf");
        var resource = new LocalRedisResource(name, binary, dataDirectory, password.Resource);

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(resource, async (_, ct) =>
        {
            Directory.CreateDirectory(dataDirectory);
            var secret = await resource.PasswordParameter.GetValueAsync(ct);
            await File.WriteAllTextAsync(configFile, "", ct);
            File.SetUnixFileMode(configFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            await File.WriteAllTextAsync(configFile, string.Join('\n',
                "bind 127.0.0.1", "protected-mode yes", "daemonize no", $"dir {dataDirectory}", "appendonly yes",
                $"requirepass {secret}", ""), ct);
        });

        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck,
            _ => new RedisPingHealthCheck(resource), failureStatus: null, tags: null));

        return builder.AddResource(resource)
            .WithEndpoint(name: LocalRedisResource.EndpointName, scheme: "tcp", isProxied: false,
                port: Ports.For(builder, name), targetPort: Ports.For(builder, name))
            .WithArgs(context =>
            {
                context.Args.Add(configFile);
                context.Args.Add("--port");
                context.Args.Add(resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithIconName("Memory")
            .WithHealthCheck(healthCheck);
    }

    /// <summary>
    /// AUTH + PING over raw RESP: answers in about a millisecond, where the stock Redis check's first connect waits out
    /// a client timeout (~11 s before the first Healthy).
    /// </summary>
    private sealed class RedisPingHealthCheck(IResourceWithConnectionString target) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            var parts = (await target.ConnectionStringExpression.GetValueAsync(ct))!.Split(',', StringSplitOptions.TrimEntries);
            var (host, port) = (parts[0][..parts[0].LastIndexOf(':')], int.Parse(parts[0][(parts[0].LastIndexOf(':') + 1)..]));
            var password = parts.Skip(1).Select(p => p.Split('=', 2)).Where(kv => kv[0] == "password").Select(kv => kv[1]).FirstOrDefault();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(host, port, timeout.Token);
                var stream = client.GetStream();
                var request = (password is null ? "" : Resp("AUTH", password)) + Resp("PING");
                await stream.WriteAsync(Encoding.UTF8.GetBytes(request), timeout.Token);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                if (password is not null && await reader.ReadLineAsync(timeout.Token) is var auth && auth != "+OK")
                    return HealthCheckResult.Unhealthy($"AUTH answered {auth}");
                var pong = await reader.ReadLineAsync(timeout.Token);
                return pong == "+PONG" ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"PING answered {pong}");
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy(e.Message);
            }
        }

        private static string Resp(params string[] args) =>
            $"*{args.Length}\r\n" + string.Concat(args.Select(a => $"${Encoding.UTF8.GetByteCount(a)}\r\n{a}\r\n"));
    }
}
