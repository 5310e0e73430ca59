using System.Text.Encodings.Web;
using System.Text.Unicode;
using AiSales.Core.Demo;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Migrations;
using AiSales.Core.Security;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;
using Radzen;

namespace AiSales.Dashboard.Hosting;

public static class DashboardHostingExtensions
{
    /// <summary>
    /// Postgres (EF and raw Npgsql), Redis, messaging (enqueue only: the Worker consumes), the schema migrations, the demo
    /// seed, and token encryption when a key is configured: without one the Channels page says so instead of the whole app
    /// failing to start.
    /// </summary>
    public static IHostApplicationBuilder AddDashboardData(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("aisales");
        builder.AddNpgsqlDbContextOnDataSource<AiSalesDbContext>();
        builder.AddRedisClient("redis");
        builder.Services.AddRedisConnectionAtStart();
        builder.AddMessaging(consume: false);
        builder.Services.AddSchemaMigrations();
        builder.Services.AddDemoSeed();
        builder.Services.AddSingleton(TimeProvider.System);
        if (!string.IsNullOrWhiteSpace(builder.Configuration["Security:EncryptionKey"])) builder.Services.AddTokenProtection();
        return builder;
    }

    /// <summary>Blazor (interactive server), Radzen, and Arabic-first localization.</summary>
    public static IHostApplicationBuilder AddDashboardUi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture("ar").AddSupportedCultures("ar", "en").AddSupportedUICultures("ar", "en");
            // Cookie only: an English browser still gets Arabic until the merchant switches (Arabic is the product's first language).
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        // Arabic as text, not &#x...; entities (six times the bytes on every page).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddRadzenComponents();
        return builder;
    }
}
