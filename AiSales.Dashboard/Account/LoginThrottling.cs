using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

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

    public const int AttemptsPerAddress = 30;
    public static readonly TimeSpan AddressWindow = TimeSpan.FromMinutes(5);
    public const int FailuresPerAccountAndAddress = 5;
    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(15);

    public static IServiceCollection AddLoginThrottling(this IServiceCollection services)
    {
        services.AddSingleton<LoginFailures>();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(Policy, context => RateLimitPartition.GetSlidingWindowLimiter(ClientAddress(context), _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = AttemptsPerAddress, Window = AddressWindow, SegmentsPerWindow = 5, QueueLimit = 0,
            }));
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
public sealed class LoginFailures : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = LoginThrottling.FailuresPerAccountAndAddress, Window = LoginThrottling.FailureWindow,
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
