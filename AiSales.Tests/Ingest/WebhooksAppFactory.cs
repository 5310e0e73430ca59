using System.Text;
using AiSales.Core.Inbound.Signatures;
using AiSales.Tests.Infrastructure;
using AiSales.Webhooks.Ingest;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace AiSales.Tests.Ingest;

/// <summary>The Webhooks service in-process, against its own fresh database on the shared test Postgres.</summary>
public sealed class WebhooksAppFactory(string connectionString, string redis) : WebApplicationFactory<IngestTelemetry>
{
    public const string AppSecret = "test-app-secret-0123456789";
    public const string SecondSecret = "instagram-app-secret-abcdef";
    public const string VerifyToken = "verify-me-please";

    public string ConnectionString { get; } = connectionString;

    public static async Task<WebhooksAppFactory> StartAsync(string prefix = "ingest")
    {
        var infra = await TestInfrastructure.GetAsync();
        var factory = new WebhooksAppFactory(await infra.CreateMigratedDatabaseAsync(prefix), infra.RedisConnectionString);
        factory.CreateClient().Dispose(); // start the host (migrations, queue storage)
        return factory;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:aisales", ConnectionString);
        builder.UseSetting("ConnectionStrings:redis", redis);
        builder.UseSetting("Meta:AppSecrets:0", AppSecret);
        builder.UseSetting("Meta:AppSecrets:1", SecondSecret);
        builder.UseSetting("Meta:VerifyToken", VerifyToken);
        builder.UseSetting("Webhooks:MaxBodyBytes", "65536");
    }

    public static HttpRequestMessage SignedPost(string platform, byte[] body, string secret = AppSecret, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{platform}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", MetaSignature.Compute(secret, body));
        return request;
    }

    public static HttpRequestMessage SignedPost(string platform, string json, string secret = AppSecret) =>
        SignedPost(platform, Encoding.UTF8.GetBytes(json), secret);

    public Task<long> ScalarAsync(string sql) => TestSql.ScalarAsync<long>(ConnectionString, sql);
}
