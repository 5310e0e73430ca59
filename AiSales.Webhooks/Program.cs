using AiSales.Core.Channels;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Migrations;
using AiSales.Core.Security;
using AiSales.Webhooks.Apis;
using AiSales.Webhooks.Ingest;
using AiSales.Webhooks.Odoo;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
// No session state on any connection here (see StatelessSessionTuning): keep the ingest statement prepared across batches.
builder.AddNpgsqlDataSource("aisales", configureDataSourceBuilder: b => StatelessSessionTuning.Apply(b));
builder.AddRedisClient("redis");
builder.AddMessaging();

builder.Services.AddValidatedOptions<MetaOptions>(MetaOptions.Section);
builder.Services.AddValidatedOptions<WebhookOptions>(WebhookOptions.Section);
builder.Services.AddSchemaMigrations();
builder.Services.AddIngest();
builder.Services.AddProblemDetails();
// The Odoo webhook's per-merchant secret is stored encrypted; without a key that endpoint answers 503, the rest works.
if (!string.IsNullOrWhiteSpace(builder.Configuration["Security:EncryptionKey"])) builder.Services.AddTokenProtection();

var app = builder.Build();

app.UseWebHardening();
app.UseAiSalesErrorHandling();

app.UseStatusCodePages();
app.MapDefaultEndpoints();
// Only what Meta and Odoo call: the operator API lives in the Dashboard's admin area (/ops/api).
app.MapWebhooksApi();
// Odoo's webhook notifications (issue #22), secret per merchant.
app.MapOdooWebhookApi();
app.MapGet("/", () => "AiSales webhooks").ExcludeFromDescription();

app.Run();

