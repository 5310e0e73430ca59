using System.Net;
using System.Text.RegularExpressions;
using AiSales.Dashboard.ApiKeys;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Dashboard.Inbox;
using AiSales.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiSales.Tests.Dashboard;

/// <summary>The Dashboard in-process on a fresh database, seeded with the demo merchant (Demo:*) and a second merchant.</summary>
public sealed partial class DashboardAppFactory(string connectionString, string redis) : WebApplicationFactory<InboxQueries>
{
    public static readonly Guid DemoMerchantId = Guid.Parse("d0000000-0000-4000-8000-000000000001");
    public static readonly Guid OtherMerchantId = Guid.Parse("b0000000-0000-4000-8000-000000000002");
    public const string DemoEmail = "owner@demo.test";
    public const string DemoPassword = "correct-horse-2026";
    /// <summary>The operator key (Ops:ApiKey) of the ops API under /ops/api; the Dashboard does not start without one.</summary>
    public const string OpsKey = "ops-key-0123456789abcdef";

    public string ConnectionString { get; } = connectionString;

    public static async Task<DashboardAppFactory> StartAsync(string prefix = "dash")
    {
        var infra = await TestInfrastructure.GetAsync();
        var factory = new DashboardAppFactory(await infra.CreateMigratedDatabaseAsync(prefix), infra.RedisConnectionString);
        factory.CreateClient().Dispose(); // start: migrations, demo seed
        await factory.SeedAsync();
        return factory;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:aisales", ConnectionString);
        builder.UseSetting("ConnectionStrings:redis", redis);
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:MerchantId", DemoMerchantId.ToString());
        builder.UseSetting("Demo:Email", DemoEmail);
        builder.UseSetting("Demo:Password", DemoPassword);
        builder.UseSetting("Demo:ChannelExternalId", "17841400000000042");
        builder.UseSetting("Ops:ApiKey", OpsKey);
        builder.ConfigureServices(s => s.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, EachRequestItsOwnAddress>());
    }

    /// <summary>
    /// The in-process server gives every request the same (no) address, so the login limit per address (30 per 5 minutes)
    /// would count every test class's sign-ins together. Here each request comes from an address of its own; the limit
    /// itself is tested on a host of its own (LoginTestHost).
    /// </summary>
    private sealed class EachRequestItsOwnAddress : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        private static int _next;

        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Connection.RemoteIpAddress is null)
                {
                    var n = Interlocked.Increment(ref _next);
                    context.Connection.RemoteIpAddress = new IPAddress([127, (byte)(n >> 16), (byte)(n >> 8), (byte)n]);
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>A second merchant with its own channel account, and sample conversations for both.</summary>
    private async Task SeedAsync()
    {
        await ExecuteAsync($"""
            INSERT INTO merchants (id, name, slug) VALUES ('{OtherMerchantId}', 'Other shop', 'other-shop');
            INSERT INTO channel_accounts (merchant_id, platform, provider, external_id, display_name)
            VALUES ('{OtherMerchantId}', 'instagram', 'sandbox', '17841400000000099', '@other');
            """);
        await ExecuteAsync(SampleConversations.For(DemoMerchantId));
        await ExecuteAsync(SampleConversations.For(OtherMerchantId));
    }

    public Task ExecuteAsync(string sql) => TestSql.ExecAsync(ConnectionString, sql);

    public Task<T> ScalarAsync<T>(string sql) => TestSql.ScalarAsync<T>(ConnectionString, sql);

    /// <summary>
    /// A merchant's rows in every table that has a merchant_id column (found in the catalog, so a new tenant table is
    /// covered without editing this), plus its merchants row: one hash per table, equal before and after iff nothing changed.
    /// </summary>
    public async Task<string> SnapshotOfMerchantAsync(Guid merchantId)
    {
        var tables = (await ScalarAsync<string>("""
            SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.columns
            WHERE table_schema = 'public' AND column_name = 'merchant_id'
            """)).Split(',');
        var parts = new List<string>();
        foreach (var t in tables)
            parts.Add($"{t}:{await ScalarAsync<string>($"SELECT count(*)::text || '/' || coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '') FROM \"{t}\" x WHERE merchant_id = '{merchantId}'")}");
        parts.Add($"merchants:{await ScalarAsync<string>($"SELECT md5(x::text) FROM merchants x WHERE id = '{merchantId}'")}");
        return string.Join("\n", parts);
    }

    /// <summary>A confirmed user with a password, member of <paramref name="merchantId"/> in <paramref name="role"/>.</summary>
    public static async Task CreateUserAsync(IServiceProvider services, string email, string password, Guid merchantId,
        MemberRole role = MemberRole.Owner, bool platformAdmin = false)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, IsPlatformAdmin = platformAdmin };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        var db = scope.ServiceProvider.GetRequiredService<AiSalesDbContext>();
        db.MerchantMembers.Add(new MerchantMember { MerchantId = merchantId, UserId = user.Id, Role = role });
        await db.SaveChangesAsync();
    }

    /// <summary>A client holding a new Merchant API key of <paramref name="merchantId"/> (the API's own credential); no automatic redirects.</summary>
    public static async Task<HttpClient> ApiClientAsync(WebApplicationFactory<InboxQueries> app, Guid merchantId, string keyName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var key = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(merchantId, keyName, "test");
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", key.Plaintext);
        return client;
    }

    /// <summary>A client of <paramref name="app"/>'s ops API, sending the operator key.</summary>
    public static HttpClient OpsClient(WebApplicationFactory<InboxQueries> app)
    {
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        http.DefaultRequestHeaders.Add("X-Ops-Key", OpsKey);
        return http;
    }

    public HttpClient Browser(bool followRedirects = false) =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects, HandleCookies = true });

    /// <summary>Posts the login form the way a browser does (antiforgery token from the rendered page).</summary>
    public static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password, bool rememberMe = false)
    {
        var token = await AntiforgeryTokenAsync(client, "/account/login");
        var form = new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
        };
        if (rememberMe) form["rememberMe"] = "true"; // a ticked checkbox; an unticked one is not posted at all
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(form));
    }

    /// <summary>The antiforgery token of a page this client has rendered (tokens are per session, valid for any form).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var token = AntiforgeryToken().Match(await client.GetStringAsync(path)).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), $"{path} has no antiforgery token");
        return token;
    }

    public static bool IsRedirectTo(HttpResponseMessage response, string pathPrefix) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found &&
        response.Headers.Location is { } l && (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString).StartsWith(pathPrefix, StringComparison.Ordinal);

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await (await TestInfrastructure.GetAsync()).DropDatabaseAsync(ConnectionString);
    }
}
