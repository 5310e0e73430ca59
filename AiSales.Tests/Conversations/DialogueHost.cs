using System.Text;
using System.Text.Json;
using AiSales.Core.Demo;
using AiSales.Core.Inbound.Signatures;
using AiSales.Core.Persistence;
using AiSales.Tests.Infrastructure;
using AiSales.Tests.Ingest;
using AiSales.Worker.Inbound;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AiSales.Tests.Conversations;

/// <summary>
/// The demo shop as customers reach it: the real Webhooks service (signed POSTs to /webhooks/{platform}) and the real
/// Worker consuming its queue, both in-process on one fresh database, with the demo merchant, its catalog and its
/// sandbox Instagram account seeded by the DemoSeeder as the Dashboard seeds them under the AppHost. The demo merchant also gets sandbox
/// Messenger and WhatsApp accounts, so dialogues can arrive on any of the three webhooks; sandbox sends make no HTTP
/// call, and a reply is read where it is recorded: the AI's message in <c>messages</c>.
/// Replies are drafted offline (no LLM configured) with a debounce of <see cref="DebounceSeconds"/>.
/// </summary>
public sealed class DialogueHost : IAsyncDisposable
{
    public static readonly Guid DemoMerchantId = Guid.Parse("0199a000-0000-7000-8000-00000000d1a1");
    public const string InstagramAccount = "17841400000000777";
    public const string PageId = "100000000000777";
    public const string PhoneNumberId = "409550000000777";
    public const int DebounceSeconds = 1;

    private static readonly DemoOptions Demo = new()
    {
        Enabled = true, MerchantId = DemoMerchantId, Email = "demo-dialogues@aisales.test", Password = "Dialogues-demo-1!",
        ChannelExternalId = InstagramAccount,
    };

    private WorkerApp? _worker;
    private WebhooksAppFactory? _webhooks;
    private HttpClient? _http;

    private DialogueHost(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }
    public ShopCatalog Catalog { get; private set; } = null!;
    public Guid MerchantId => DemoMerchantId;

    public static async Task<DialogueHost> StartAsync()
    {
        var infra = await TestInfrastructure.GetAsync();
        var host = new DialogueHost(await infra.CreateMigratedDatabaseAsync("dialogues"));
        try
        {
            // The Worker first: it migrates; Webhooks then finds the schema in place. The demo shop is seeded as the
            // Dashboard does under the AppHost (the Worker does not seed).
            host._worker = new WorkerApp(host.ConnectionString, infra.RedisConnectionString);
            host._worker.CreateClient().Dispose();
            using (var scope = host._worker.Services.CreateScope())
                await DemoSeeder.SeedAsync(scope.ServiceProvider.GetRequiredService<AiSalesDbContext>(), Demo, NullLogger.Instance);
            host._webhooks = new WebhooksAppFactory(host.ConnectionString, infra.RedisConnectionString);
            host._http = host._webhooks.CreateClient();

            await host.ExecAsync("UPDATE merchants SET ai_settings = jsonb_set(ai_settings, '{debounce_seconds}', to_jsonb($2::int)) WHERE id = $1",
                DemoMerchantId, DebounceSeconds);
            foreach (var (platform, id, name) in new[] { ("messenger", PageId, "Baghdad Style (sandbox page)"), ("whatsapp", PhoneNumberId, "Baghdad Style (sandbox WhatsApp)") })
                await host.ExecAsync("""
                    INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, display_name)
                    VALUES ($1, $2, 'sandbox', $3, $4) ON CONFLICT DO NOTHING
                    """, DemoMerchantId, platform, id, name);
            host.Catalog = await ShopCatalog.LoadAsync(host.ConnectionString, DemoMerchantId);
            if (host.Catalog.Products.Count == 0) throw new InvalidOperationException("The DemoSeeder seeded no products for the demo merchant");
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>One customer message, shaped as Meta sends it on <paramref name="channel"/>, signed and POSTed to Webhooks.</summary>
    public async Task SendAsync(string channel, string customerId, string messageId, string text, CancellationToken ct = default)
    {
        var json = Payload(channel, customerId, messageId, text, DateTimeOffset.UtcNow);
        var body = Encoding.UTF8.GetBytes(json);
        // As Meta does: a 503 (ingest could not commit in time on a busy machine) is retried after Retry-After; the same
        // body with the same mid, so a delivery that did commit is deduplicated downstream.
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{channel}") { Content = new ByteArrayContent(body) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            request.Headers.TryAddWithoutValidation(MetaSignature.HeaderName, WebhookSigner.Sign(WebhooksAppFactory.AppSecret, body));
            using var response = await _http!.SendAsync(request, ct);
            if (response.IsSuccessStatusCode) return;
            if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable && attempt < 5)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), ct);
                continue;
            }
            throw new InvalidOperationException($"POST /webhooks/{channel} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
    }

    /// <summary>A text message from <paramref name="customerId"/> to the demo shop's account on that channel.</summary>
    public static string Payload(string channel, string customerId, string messageId, string text, DateTimeOffset at)
    {
        var ms = at.ToUnixTimeMilliseconds();
        object body = channel switch
        {
            "instagram" or "messenger" => new
            {
                @object = channel == "instagram" ? "instagram" : "page",
                entry = new[]
                {
                    new
                    {
                        id = channel == "instagram" ? InstagramAccount : PageId,
                        time = ms,
                        messaging = new[]
                        {
                            new
                            {
                                sender = new { id = customerId },
                                recipient = new { id = channel == "instagram" ? InstagramAccount : PageId },
                                timestamp = ms,
                                message = new { mid = messageId, text },
                            },
                        },
                    },
                },
            },
            "whatsapp" => new
            {
                @object = "whatsapp_business_account",
                entry = new[]
                {
                    new
                    {
                        id = "880480571844777",
                        changes = new[]
                        {
                            new
                            {
                                field = "messages",
                                value = new
                                {
                                    messaging_product = "whatsapp",
                                    metadata = new { display_phone_number = "9647800000777", phone_number_id = PhoneNumberId },
                                    contacts = new[] { new { profile = new { name = "Customer" }, wa_id = customerId } },
                                    messages = new[]
                                    {
                                        new { from = customerId, id = messageId, timestamp = at.ToUnixTimeSeconds().ToString(), type = "text", text = new { body = text } },
                                    },
                                },
                            },
                        },
                    },
                },
            },
            _ => throw new ArgumentException($"Unknown channel '{channel}' (instagram, messenger or whatsapp)"),
        };
        // Meta sends non-ASCII as \uXXXX escapes; either way the signature covers the exact bytes sent.
        return JsonSerializer.Serialize(body);
    }

    public Task<T> ScalarAsync<T>(string sql, params object?[] args) => TestSql.ScalarAsync<T>(ConnectionString, sql, args);

    public Task<int> ExecAsync(string sql, params object?[] args) => TestSql.ExecAsync(ConnectionString, sql, args);

    public Task<List<Dictionary<string, object?>>> RowsAsync(string sql, params object?[] args) => TestSql.RowsAsync(ConnectionString, sql, args);

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_webhooks is not null) await _webhooks.DisposeAsync();
        if (_worker is not null) await _worker.DisposeAsync();
        await (await TestInfrastructure.GetAsync()).DropDatabaseAsync(ConnectionString);
    }

    /// <summary>The Worker's real Program with offline replies.</summary>
    private sealed class WorkerApp(string connectionString, string redis) : WebApplicationFactory<PipelineTelemetry>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            var db = new NpgsqlConnectionStringBuilder(connectionString).Database;
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:aisales", connectionString);
            builder.UseSetting("ConnectionStrings:redis", redis);
            builder.UseSetting("Security:EncryptionKey", Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 13 + 7)).ToArray()));
            builder.UseSetting("Pipeline:RedisKeyPrefix", $"test:{db}:");
            builder.UseSetting("Pipeline:DefaultDebounceSeconds", DebounceSeconds.ToString());
            builder.UseSetting("Channels:RateLimits:KeyPrefix", $"test:{db}:ratelimit:");
            // Customers here write every second or two; Meta's one-per-6-s WhatsApp pacing is not what these dialogues test.
            builder.UseSetting("Channels:RateLimits:WhatsAppPair:Burst", "1000");
            builder.UseSetting("Meta:AppId", "1234567890");
            builder.UseSetting("Ai:Provider", "offline");
        }
    }
}
