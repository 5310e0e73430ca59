namespace AiSales.Dashboard.Account;

public static class AccountHostingExtensions
{
    /// <summary>The merchant login: ASP.NET Identity with Redis-held sessions, and the login limits (section <c>Dashboard:Login</c>).</summary>
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDashboardIdentity();
        builder.Services.AddLoginThrottling();
        return builder;
    }
}
