using AiSales.Worker.Campaigns;
using AiSales.Worker.Commerce;
using AiSales.Worker.Conversions;
using AiSales.Worker.Crm;
using AiSales.Worker.Hosting;
using AiSales.Worker.Inbound;
using AiSales.Worker.LeadAds;
using AiSales.Worker.Monitoring;
using AiSales.Worker.Replies;
using AiSales.Worker.Sending;
using AiSales.Worker.Staff;
using JasperFx;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddWorkerData();
builder.AddWorkerMessaging();
// Along the message's path, then the integrations that run beside it.
builder.AddInbound();
builder.AddReplies();
builder.AddSending();
builder.AddStaffAssistant();
builder.AddMonitoring();
builder.AddLeadAdReads();
builder.AddCampaignSync();
builder.AddOdooSync();
builder.AddConversionsSending();
builder.AddCatalogSync();

var app = builder.Build();

app.UseWebHardening();
app.UseAiSalesErrorHandling();

app.MapDefaultEndpoints();
app.MapGet("/", () => "AiSales worker").ExcludeFromDescription();

// `dotnet run -- codegen write` pre-generates the handler code (docs/messaging.md); anything else runs the Worker.
// Only commands go through JasperFx: test hosts (WebApplicationFactory) expect the plain Run.
if (args is ["codegen", ..]) return await app.RunJasperFxCommands(args);
app.Run();
return 0;
