using AiSales.Webhooks.Apis;
using AiSales.Webhooks.Hosting;
using AiSales.Webhooks.Ingest;
using AiSales.Webhooks.Odoo;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddWebhooksInfrastructure();
builder.AddIngest();
builder.AddOdooWebhooks();

var app = builder.Build();

app.UseWebHardening();
app.UseAiSalesErrorHandling();

app.UseStatusCodePages();
app.MapDefaultEndpoints();
// Only what Meta and Odoo call: the operator API lives in the Dashboard's admin area (/ops/api).
app.MapWebhooksApi();
app.MapOdooWebhookApi();
app.MapGet("/", () => "AiSales webhooks").ExcludeFromDescription();

app.Run();
