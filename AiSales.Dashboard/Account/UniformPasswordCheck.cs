using AiSales.Core.Persistence.Entities;
using Microsoft.AspNetCore.Identity;

namespace AiSales.Dashboard.Account;

/// <summary>
/// Checks an email and password so that an unknown email cannot be told from a wrong password: same answer (no
/// user), and the same work — the password hasher runs against a dummy hash when there is no such user, since the
/// hash is what makes a real check take ~60 ms. Never records a failure on the account (see LoginThrottling).
/// </summary>
public sealed class UniformPasswordCheck(UserManager<AppUser> users, SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher)
{
    private static readonly AppUser Nobody = new();
    private static string? _dummyHash;

    /// <summary>The user when the password is right and the account may sign in; otherwise null, whatever the reason.</summary>
    public async Task<AppUser?> CheckAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            // Same hasher, same parameters as a stored hash: the cost is the same. The result is ignored.
            _dummyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(Nobody, _dummyHash, password);
            return null;
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        return result.Succeeded ? user : null;
    }
}
