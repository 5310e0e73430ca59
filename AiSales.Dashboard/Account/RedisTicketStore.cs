using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using StackExchange.Redis;

namespace AiSales.Dashboard.Account;

/// <summary>
/// Keeps each sign-in's ticket in Redis; the auth cookie carries only a random session key. Sign-out deletes the key
/// (the cookie handler calls <see cref="RemoveAsync"/>), so a copied cookie stops working the moment its session logs
/// out — only that session: the merchant's other browsers stay signed in. Why this and not a security stamp bump on
/// logout: the stamp is per user, so bumping it would end every session of the account on every device, and a stamp
/// check can only be as immediate as its validation interval. The stamp still ends all sessions on a password change
/// (see <see cref="IdentityServiceCollectionExtensions"/>).
/// </summary>
public sealed class RedisTicketStore(IConnectionMultiplexer redis, TimeProvider time) : ITicketStore
{
    private const string Prefix = "aisales:dashboard:session:";
    // A ticket always carries ExpiresUtc (the cookie handler sets it before storing); this is only a floor.
    private static readonly TimeSpan MinimumLifetime = TimeSpan.FromMinutes(1);

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await redis.GetDatabase().StringSetAsync(Prefix + key, TicketSerializer.Default.Serialize(ticket), Lifetime(ticket));
        return key;
    }

    /// <summary>
    /// Sliding renewal runs inside the response's OnStarting callbacks (the cookie handler's FinishResponseAsync). An
    /// awaited Redis round trip there opens a window in which a second start of the same response (Blazor's
    /// navigation and status-code re-execution paths can start it concurrently) commits the headers, and the renewed
    /// cookie then fails the whole response. The write is queued on the multiplexer and the callback completes at
    /// once; if it is lost, the session keeps its previous expiry, which is at most the sliding window shorter.
    /// </summary>
    public Task RenewAsync(string key, AuthenticationTicket ticket) =>
        redis.GetDatabase().StringSetAsync(Prefix + key, TicketSerializer.Default.Serialize(ticket), Lifetime(ticket), flags: CommandFlags.FireAndForget);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var bytes = (byte[]?)await redis.GetDatabase().StringGetAsync(Prefix + key);
        return bytes is null ? null : TicketSerializer.Default.Deserialize(bytes);
    }

    public Task RemoveAsync(string key) => redis.GetDatabase().KeyDeleteAsync(Prefix + key);

    private TimeSpan Lifetime(AuthenticationTicket ticket)
    {
        var left = ticket.Properties.ExpiresUtc is { } expires ? expires - time.GetUtcNow() : TimeSpan.Zero;
        return left > MinimumLifetime ? left : MinimumLifetime;
    }
}
