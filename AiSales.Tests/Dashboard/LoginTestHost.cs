using AiSales.Core.Persistence.Entities;
using AiSales.Dashboard.Inbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Dashboard;

/// <summary>
/// The dashboard for session and login tests, with three test seams: the client address from a request header (the
/// in-memory server has no connection), a password hasher that counts its checks, and the security-stamp check's
/// clock, which a test can move forward instead of waiting for the validation interval.
/// </summary>
public sealed class LoginTestHost : IAsyncLifetime
{
    public const string ClientAddressHeader = "X-Test-Client-Address";

    private DashboardAppFactory _factory = default!;
    public WebApplicationFactory<InboxQueries> App { get; private set; } = default!;
    public CountingPasswordHasher Hasher { get; } = new();
    public ShiftedTimeProvider StampClock { get; } = new();

    public async Task InitializeAsync()
    {
        _factory = await DashboardAppFactory.StartAsync();
        App = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddTransient<IStartupFilter, ClientAddressFromHeader>();
            s.AddSingleton<IPasswordHasher<AppUser>>(Hasher);
            s.Configure<SecurityStampValidatorOptions>(o => o.TimeProvider = StampClock);
        }));
    }

    /// <summary>A client the dashboard sees as coming from <paramref name="address"/>; no automatic redirects.</summary>
    public HttpClient Client(string address = "192.0.2.1", bool cookies = true)
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = cookies });
        client.DefaultRequestHeaders.Add(ClientAddressHeader, address);
        return client;
    }

    /// <summary>A new owner of the demo merchant, so that a test's sessions are its own.</summary>
    public async Task<(string Email, string Password)> NewUserAsync(string name)
    {
        var email = $"{name}-{Guid.NewGuid():N}@demo.test";
        const string password = "session-password-2026";
        await DashboardAppFactory.CreateUserAsync(App.Services, email, password, DashboardAppFactory.DemoMerchantId);
        return (email, password);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _factory.DisposeAsync();
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (System.Net.IPAddress.TryParse(context.Request.Headers[ClientAddressHeader], out var address))
                    context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public sealed class CountingPasswordHasher : PasswordHasher<AppUser>
{
    private int _verifications;
    public int Verifications => Volatile.Read(ref _verifications);

    public override PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

public sealed class ShiftedTimeProvider : TimeProvider
{
    public TimeSpan Offset { get; set; }
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
