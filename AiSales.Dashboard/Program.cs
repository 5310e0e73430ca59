using AiSales.Dashboard.Account;
using AiSales.Dashboard.AiSettings;
using AiSales.Dashboard.Analytics;
using AiSales.Dashboard.Apis;
using AiSales.Dashboard.Catalog;
using AiSales.Dashboard.Channels;
using AiSales.Dashboard.Components;
using AiSales.Dashboard.Crm;
using AiSales.Dashboard.Errors;
using AiSales.Dashboard.Hosting;
using AiSales.Dashboard.Inbox;
using AiSales.Dashboard.Integrations;
using AiSales.Dashboard.Leads;
using AiSales.Dashboard.Live;
using AiSales.Dashboard.Operations;
using AiSales.Dashboard.Operations.Api;
using AiSales.Dashboard.Orders;
using AiSales.Dashboard.Security;
using AiSales.Dashboard.Simulator;
using AiSales.Dashboard.Team;
using AiSales.Dashboard.Templates;
using AiSales.Dashboard.Tenancy;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDashboardData();
builder.AddAccounts();
builder.AddMerchantTenancy();
// One line per area of the dashboard, each registered in its own folder.
builder.AddInbox();
builder.AddLiveUpdates();
builder.AddLeads();
builder.AddOrders();
builder.AddTeam();
builder.AddCatalog();
builder.AddMerchantApi();
builder.AddIntegrations();
builder.AddChannels();
builder.AddTemplates();
builder.AddAnalyticsPage();
builder.AddSimulatorPage();
builder.AddCrm();
builder.AddAiSettings();
builder.AddOperationsArea();
builder.AddDashboardUi();

var app = builder.Build();

app.UseWebHardening(DashboardContentSecurityPolicy.Value, redirectToHttps: true);
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
