namespace AiSales.Dashboard.Account;

/// <summary>How long a dashboard session lives; one place for the cookie options and the login endpoint.</summary>
public static class SessionLifetime
{
    /// <summary>Sliding idle timeout of a session cookie (no "remember me"): a working day.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromHours(8);

    /// <summary>Sliding lifetime of a persistent cookie, only when the merchant ticks "remember me".</summary>
    public static readonly TimeSpan RememberMe = TimeSpan.FromDays(14);

    /// <summary>How soon a password change ends the account's other sessions.</summary>
    public static readonly TimeSpan StampValidation = TimeSpan.FromMinutes(1);
}
