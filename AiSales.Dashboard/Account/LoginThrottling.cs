using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using AiSales.Core.Options;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AiSales.Dashboard.Account;

/// <summary>
/// Slows password guessing without letting a guesser lock the owner out. Two limits, both keyed by the client
/// address, never by the account alone — a limit on the account alone is a lockout anyone can trigger:
/// <list type="bullet">
/// <item>per address, every login post (ASP.NET Core rate limiting on the endpoint): one address cannot spray
/// passwords over many accounts;</item>
/// <item>per account and address, failed logins only (<see cref="LoginFailures"/>): one address cannot keep guessing one
/// account, while the owner — from their own address — still signs in, and a correct login never counts.</item>
/// </list>
/// Both answer the same way, for known and unknown emails alike: back to the login page with "try again later".
/// </summary>
public static class LoginThrottling
{
    public const string Policy = "login";
    public const string ThrottledRedirect = "/account/login?error=throttled";

    public static IServiceCollection AddLoginThrottling(this IServiceCollection services)
    {
        services.AddValidatedOptions<LoginLimitsOptions>(LoginLimitsOptions.Section);
        services.AddSingleton<LoginFailures>();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(Policy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<LoginLimitsOptions>>().Value;
                return RateLimitPartition.GetSlidingWindowLimiter(ClientAddress(context), _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = limits.AttemptsPerAddress, Window = TimeSpan.FromMinutes(limits.AddressWindowMinutes), SegmentsPerWindow = 5, QueueLimit = 0,
                });
            });
            // A form post from a browser: the login page with the message reads better than a bare 429.
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Redirect(ThrottledRedirect);
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>The connection's address; behind a proxy, forwarded-headers handling (configured proxies only) sets it first.</summary>
    public static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

/// <summary>Failed logins per account (the email as typed, known or not) and client address, in a sliding window.</summary>
public sealed class LoginFailures(IOptions<LoginLimitsOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.Value.FailuresPerAccountAndAddress, Window = TimeSpan.FromMinutes(options.Value.FailureWindowMinutes),
            SegmentsPerWindow = 15, QueueLimit = 0,
        }));

    public bool IsThrottled(string email, HttpContext context) =>
        _limiter.GetStatistics(Key(email, context))?.CurrentAvailablePermits <= 0;

    public void Record(string email, HttpContext context)
    {
        // A window limiter's permit is spent when acquired; disposing the lease does not give it back.
        using var _ = _limiter.AttemptAcquire(Key(email, context));
    }

    private static string Key(string email, HttpContext context) =>
        $"{email.Trim().ToUpperInvariant()}|{LoginThrottling.ClientAddress(context)}";

    public void Dispose() => _limiter.Dispose();
}

/// <summary>
/// The login limits (<c>Dashboard:Login</c>). The defaults suit a shop's team; a test that signs in many times from one
/// address raises <see cref="AttemptsPerAddress"/> rather than waiting out the window.
/// </summary>
public sealed class LoginLimitsOptions
{
    public const string Section = "Dashboard:Login";

    /// <summary>Login posts per client address per <see cref="AddressWindowMinutes"/>.</summary>
    [Range(1, 100_000)]
    public int AttemptsPerAddress { get; set; } = 30;

    [Range(1, 1_440)]
    public int AddressWindowMinutes { get; set; } = 5;

    /// <summary>Failed logins per account and client address per <see cref="FailureWindowMinutes"/>.</summary>
    [Range(1, 1_000)]
    public int FailuresPerAccountAndAddress { get; set; } = 5;

    [Range(1, 1_440)]
    public int FailureWindowMinutes { get; set; } = 15;
}
