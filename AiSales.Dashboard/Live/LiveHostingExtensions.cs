namespace AiSales.Dashboard.Live;

public static class LiveHostingExtensions
{
    /// <summary>Pushed updates (docs/dashboard-live.md): one LISTEN connection wakes the interactive pages of the merchant
    /// whose data changed.</summary>
    public static IHostApplicationBuilder AddLiveUpdates(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MerchantChangeFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MerchantChangeFeed>());
        return builder;
    }
}
