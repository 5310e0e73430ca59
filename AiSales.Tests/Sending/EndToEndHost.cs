using System.Text;
using AiSales.Core.Channels;
using AiSales.Core.Inbound;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Security;
using AiSales.Core.Sending;
using AiSales.Tests.Fakes;
using AiSales.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace AiSales.Tests.Sending;

/// <summary>
/// The Worker in-process (its real Program, consuming its queue) on a fresh database, with one merchant that has an
/// Instagram, a Messenger and a WhatsApp channel account (provider meta, encrypted tokens) whose Graph base URLs
/// point at <see cref="Graph"/>, and one catalog product. Webhook bodies go in as delivery rows, exactly as ingest
/// stores them; everything after that (pipeline, GenerateReply, SendMessage) runs on the Worker's own queue.
/// <paramref name="faults"/> and <paramref name="testServices"/> are registered after the Worker's own, so test doubles win.
/// </summary>
public sealed class EndToEndHost(IReadOnlyDictionary<string, string?>? settings = null, SendFaultInjection? faults = null,
    Action<IServiceCollection>? testServices = null)
    : WorkerTestHost("send")
{
    public const string IgAccount = "17841400000000001";
    public const string PageId = "100000000000001";
    public const string PhoneNumberId = "409552778964973";
    public const string IgToken = "ig-token";
    public const string PageToken = "page-token";
    public const string WaToken = "wa-token";
    public const long ProductPrice = 25_000;

    private static readonly string Key = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 11 + 5)).ToArray());

    public FakeGraphApi Graph { get; private set; } = null!;
    public Guid MerchantId { get; private set; }
    public Guid ProductId { get; private set; }
    public Dictionary<string, Guid> Accounts { get; } = [];

    protected override string TokenKey => Key;

    protected override async Task StartFakesAsync() => Graph = await FakeGraphApi.StartNewAsync();

    protected override async Task SeedAsync()
    {
        MerchantId = await ScalarAsync<Guid>("""
            INSERT INTO merchants (name, slug, ai_settings) VALUES ('Bab Al-Sharqi Shop', 'bab-shop', '{"debounce_seconds": 1, "human_quiet_minutes": 30}'::jsonb) RETURNING id
            """);
        ProductId = await ScalarAsync<Guid>("""
            INSERT INTO products (merchant_id, sku, name_ar, name_en, aliases, price_iqd, stock)
            VALUES ($1, 'SHIRT-1', 'قميص', 'shirt', ARRAY['قميص','qamees','shirt'], $2, 10) RETURNING id
            """, MerchantId, ProductPrice);
        await AddAccountAsync("instagram", IgAccount, IgToken);
        await AddAccountAsync("messenger", PageId, PageToken);
        await AddAccountAsync("whatsapp", PhoneNumberId, WaToken);
    }

    private async Task AddAccountAsync(string platform, string externalId, string token) =>
        Accounts[platform] = await ScalarAsync<Guid>("""
            INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, access_token_encrypted)
            VALUES ($1, $2, 'meta', $3, $4) RETURNING id
            """, MerchantId, platform, externalId, Protect(token));

    public byte[] Protect(string token) => Services.GetRequiredService<TokenProtector>().Protect(token);

    protected override ValueTask DisposeFakesAsync() => Graph.DisposeAsync();

    protected override void ConfigureWorker(IWebHostBuilder builder)
    {
        builder.UseSetting("Channels:RateLimits:KeyPrefix", $"test:{DatabaseName}:ratelimit:");
        builder.UseSetting("Meta:GraphApiBaseUrl", Graph.BaseUrl);
        builder.UseSetting("Meta:InstagramGraphApiBaseUrl", Graph.BaseUrl);
        builder.UseSetting("Ai:Provider", "offline");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            if (faults is not null) services.AddSingleton(faults);
            testServices?.Invoke(services);
        });
    }

    // ---- webhooks, shaped like Meta's and stored like ingest stores them ----

    public static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public static string IgText(string mid, string customer, string text, DateTimeOffset at) => Messaging("instagram", IgAccount, mid, customer, text, at);

    public static string MessengerText(string mid, string customer, string text, DateTimeOffset at) => Messaging("page", PageId, mid, customer, text, at);

    private static string Messaging(string obj, string account, string mid, string customer, string text, DateTimeOffset at) => $$$"""
        {"object":"{{{obj}}}","entry":[{"time":{{{Ms(at)}}},"id":"{{{account}}}","messaging":[{"sender":{"id":"{{{customer}}}"},
        "recipient":{"id":"{{{account}}}"},"timestamp":{{{Ms(at)}}},"message":{"mid":"{{{mid}}}","text":"{{{text}}}"}}]}]}
        """;

    /// <summary>An Instagram echo: a human from the app (no metadata) or our own send (app id + metadata).</summary>
    public static string IgEcho(string mid, string customer, string text, DateTimeOffset at, string? metadata = null) => $$$"""
        {"object":"instagram","entry":[{"time":{{{Ms(at)}}},"id":"{{{IgAccount}}}","messaging":[{"sender":{"id":"{{{IgAccount}}}"},
        "recipient":{"id":"{{{customer}}}"},"timestamp":{{{Ms(at)}}},"message":{"mid":"{{{mid}}}","text":"{{{text}}}",
        {{{(metadata is null ? "" : $"\"app_id\":1234567890,\"metadata\":\"{metadata}\",")}}}"is_echo":true}}]}]}
        """;

    public static string WaText(string wamid, string waId, string text, DateTimeOffset at) => $$$"""
        {"object":"whatsapp_business_account","entry":[{"id":"880480571844883","changes":[{"field":"messages","value":{
        "messaging_product":"whatsapp","metadata":{"display_phone_number":"9647800000000","phone_number_id":"{{{PhoneNumberId}}}"},
        "contacts":[{"profile":{"name":"Ali"},"wa_id":"{{{waId}}}"}],
        "messages":[{"from":"{{{waId}}}","id":"{{{wamid}}}","timestamp":"{{{at.ToUnixTimeSeconds()}}}","type":"text","text":{"body":"{{{text}}}"}}]}}]}]}
        """;

    public static string WaStatus(string wamid, string status, string waId, string bizOpaque, DateTimeOffset at) => $$$"""
        {"object":"whatsapp_business_account","entry":[{"id":"880480571844883","changes":[{"field":"messages","value":{
        "messaging_product":"whatsapp","metadata":{"display_phone_number":"9647800000000","phone_number_id":"{{{PhoneNumberId}}}"},
        "statuses":[{"id":"{{{wamid}}}","status":"{{{status}}}","timestamp":"{{{at.ToUnixTimeSeconds()}}}","recipient_id":"{{{waId}}}",
        "biz_opaque_callback_data":"{{{bizOpaque}}}"}]}}]}]}
        """;

    /// <summary>Stores the delivery and runs its job inline (the follow-up jobs run on the Worker's queue).</summary>
    public async Task<long> DeliverAsync(ChannelPlatform platform, string json)
    {
        var id = await ScalarAsync<long>("INSERT INTO webhook_deliveries (platform, body) VALUES ($1, $2) RETURNING id",
            platform.ToName(), Encoding.UTF8.GetBytes(json));
        await InvokeAsync(new ProcessWebhookDelivery(id));
        return id;
    }

    public async Task PublishAsync<T>(T message)
    {
        using var scope = Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(message);
    }

    /// <summary>No message of these types' queues is waiting, scheduled or being handled.</summary>
    public async Task WaitForQueueIdleAsync(params Type[] types) =>
        await Eventually.UntilAsync(async () => await QueueWork.PendingAsync(Services, types) == 0,
            $"queue idle for {string.Join(", ", types.Select(t => t.Name))}");

    /// <summary>The outbound messages with their ledger rows, oldest first.</summary>
    public Task<List<Dictionary<string, object?>>> OutboundAsync() => RowsAsync("""
        SELECT m.id, m.author, m.text, m.status, m.status_detail, m.error_code, m.error_message, m.external_id,
               s.state, s.attempts, s.idempotency_key, s.messaging_type, s.external_message_id
        FROM messages m JOIN outbound_sends s ON s.message_id = m.id
        ORDER BY m.created_at
        """);

}
