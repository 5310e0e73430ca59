using AiSales.Core.Conversations;
using AiSales.Core.Demo;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Persistence.Migrations;
using AiSales.Core.Tenancy;
using AiSales.Dashboard.Account;
using AiSales.Dashboard.Apis;
using AiSales.Dashboard.Catalog;
using AiSales.Dashboard.Components;
using AiSales.Dashboard.Inbox;
using AiSales.Dashboard.Leads;
using AiSales.Dashboard.Tenancy;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Radzen;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNpgsqlDataSource("aisales");
builder.AddNpgsqlDbContext<AiSalesDbContext>("aisales");
builder.AddRedisClient("redis");
builder.AddMessaging(consume: false);
builder.Services.AddSchemaMigrations();
builder.Services.AddDemoSeed();

builder.Services.AddDashboardIdentity();
builder.Services.AddTenancy();
builder.Services.AddScoped<CircuitHandler, TenantCircuitHandler>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddReplyWindow();
builder.Services.AddSingleton<OutboundMessageQueue>();
builder.Services.AddScoped<InboxQueries>();
builder.Services.AddScoped<ConversationActions>();
builder.Services.AddScoped<LeadBoard>();
builder.Services.AddScoped<CatalogService>();
builder.Services.AddScoped<CatalogCsvImporter>();
builder.Services.AddMerchantApi();

builder.Services.AddLocalization();
builder.Services.Configure<RequestLocalizationOptions>(o =>
{
    o.SetDefaultCulture("ar").AddSupportedCultures("ar", "en").AddSupportedUICultures("ar", "en");
    // Cookie only: an English browser still gets Arabic until the merchant switches (Arabic is the product's first language).
    o.RequestCultureProviders = [new Microsoft.AspNetCore.Localization.CookieRequestCultureProvider()];
});

// Arabic as text, not &#x...; entities (six times the bytes on every page).
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
    o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddRadzenComponents();

var app = builder.Build();

app.UseStatusCodePagesWithReExecute("/not-found");
app.UseRequestLocalization();
app.UseStaticFiles();
app.UseAuthentication();
app.UseMiddleware<TenantMiddleware>();
app.UseAuthorization();
app.UseAntiforgery();
app.UseMiddleware<TenantRouteGuard>();

app.MapDefaultEndpoints();
app.MapAccountEndpoints();
app.MapLiveEndpoints();
app.MapMerchantApi();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
