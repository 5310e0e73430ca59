using AiSales.Core.Analytics;
using AiSales.Core.Channels;
using AiSales.Core.Conversations;
using AiSales.Core.Crm.Odoo;
using AiSales.Core.Demo;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Migrations;
using AiSales.Core.Security;
using AiSales.Core.Sending;
using AiSales.Core.Sending.Transports;
using AiSales.Core.Shop;
using AiSales.Core.Tenancy;
using AiSales.Dashboard.Account;
using AiSales.Dashboard.AiSettings;
using AiSales.Dashboard.Apis;
using AiSales.Dashboard.Channels;
using AiSales.Dashboard.Operations;
using AiSales.Dashboard.Operations.Api;
using AiSales.Dashboard.Simulator;
using AiSales.Dashboard.Catalog;
using AiSales.Dashboard.Components;
using AiSales.Dashboard.Errors;
using AiSales.Dashboard.Inbox;
using AiSales.Dashboard.Leads;
using AiSales.Dashboard.Orders;
using AiSales.Dashboard.Tenancy;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Radzen;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNpgsqlDataSource("aisales");
builder.AddNpgsqlDbContextOnDataSource<AiSalesDbContext>();
builder.AddRedisClient("redis");
builder.AddMessaging(consume: false);
builder.Services.AddSchemaMigrations();
builder.Services.AddDemoSeed();

builder.Services.AddDashboardIdentity();
builder.Services.AddLoginThrottling();
builder.Services.AddTenancy();
builder.Services.AddScoped<CircuitHandler, TenantCircuitHandler>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddReplyWindow();
builder.Services.AddSingleton<OutboundMessageQueue>();
builder.Services.AddSingleton<HandBackReply>();
builder.Services.AddSingleton<AiSales.Core.Sending.CommentReplyQueue>();
builder.Services.AddScoped<InboxQueries>();
// Pushed updates (issue #21): one LISTEN connection wakes the interactive pages of the merchant whose data changed.
builder.Services.AddSingleton<AiSales.Dashboard.Live.MerchantChangeFeed>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<AiSales.Dashboard.Live.MerchantChangeFeed>());
builder.Services.AddScoped<ConversationActions>();
builder.Services.AddScoped<LeadBoard>();
builder.Services.AddScoped<AiSales.Dashboard.LeadAds.LeadAdsQueries>(); // lead ads (issue #22)
builder.Services.AddScoped<AiSales.Dashboard.LeadAds.LeadAdsActions>();
builder.Services.AddScoped<OrderQueries>();
builder.Services.AddScoped<OrderActions>();
builder.Services.AddShopActions();
// The Team page: linking staff phones; the code goes out through the staff outbox (the Worker sends it).
builder.Services.AddSingleton<AiSales.Core.Staff.StaffOutbox>();
builder.Services.AddScoped<AiSales.Core.Staff.Linking.StaffPhoneLinks>();
builder.Services.AddScoped<CatalogService>();
builder.Services.AddScoped<ProductPhotos>();
builder.Services.AddScoped<CatalogCsvImporter>();
builder.Services.AddMerchantApi();
// Odoo (issue #22): the Integrations page's connection test, stage map and sync status.
builder.Services.AddOdooClient();
builder.Services.AddScoped<AiSales.Dashboard.Integrations.OdooIntegration>();

// Channels, AI settings, Operations pages.
// Token encryption only when a key is configured: without one the Channels page says so instead of the whole app failing to start.
if (!string.IsNullOrWhiteSpace(builder.Configuration["Security:EncryptionKey"])) builder.Services.AddTokenProtection();
builder.Services.AddOptions<MetaOptions>().BindConfiguration(MetaOptions.Section);
builder.Services.AddChannelSenders(builder.Configuration);
// WhatsApp templates: listed from Meta, chosen per event (docs/templates.md).
AiSales.Core.Sending.Templates.TemplatesServiceCollectionExtensions.AddWhatsAppTemplates(builder.Services);
builder.Services.AddScoped<AiSales.Dashboard.Templates.TemplatesPageData>();
builder.Services.AddSingleton<AiSales.Core.Sending.ChannelReconnector>();
builder.Services.AddAnalytics();
builder.Services.AddSimulator();
builder.Services.AddScoped<AiSales.Dashboard.Analytics.AnalyticsPageData>();
// The CRM page: campaign results, ad accounts (docs/campaigns.md).
AiSales.Core.Campaigns.CampaignServiceCollectionExtensions.AddCampaigns(builder.Services, builder.Configuration);
builder.Services.AddScoped<AiSales.Dashboard.Crm.CrmPageData>();
// Conversions API settings and sent events (docs/conversions.md); the Worker sends.
builder.Services.AddTransient<AiSales.Core.Conversions.ConversionSettings>();
builder.Services.AddScoped<AiSales.Dashboard.Crm.ConversionsPageData>();
builder.Services.AddScoped<AiSales.Dashboard.Simulator.SimulatorSession>();
// Meta catalog sync and WhatsApp commerce settings (issue #25, docs/catalog-sync.md).
AiSales.Core.Commerce.CommerceServiceCollectionExtensions.AddMetaCommerce(builder.Services, builder.Configuration);
builder.Services.AddScoped<MetaCatalogService>();
builder.Services.AddScoped<CommerceSettingsService>();
builder.Services.AddScoped<ChannelService>();
builder.Services.AddScoped<ChannelHealthService>();
builder.Services.AddScoped<ChannelTestSender>();
builder.Services.AddHttpClient<MetaOAuthClient>();
builder.Services.AddScoped<AiSettingsService>();
builder.Services.AddScoped<MessageJourney>();
// The operator API (/ops/api, X-Ops-Key) and the services the Operations page calls in-process.
builder.Services.AddOpsApi();

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

app.UseWebHardening(AiSales.Dashboard.Security.DashboardContentSecurityPolicy.Value, redirectToHttps: true);
app.UseAiSalesErrorHandling();

app.UseStatusCodePagesWithReExecute("/not-found");
app.UseNotFoundPageForReadsOnly();
app.UseMerchantApiProblems();
app.UseOpsApiProblems();
app.UseRequestLocalization();
app.UseStaticFiles();
app.UseAuthentication();
app.UseMiddleware<TenantMiddleware>();
app.UseAuthorization();
app.UseAntiforgery();
app.UseRateLimiter();
app.UseMiddleware<TenantRouteGuard>();

app.MapDefaultEndpoints();
app.MapAccountEndpoints();
app.MapCommentReplyEndpoints();
app.MapChannelEndpoints();
ProductPhotos.MapProductPhotoEndpoints(app);
app.MapMerchantApi();
app.MapOpsApi();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
