using AiSales.Core.Demo;
using AiSales.Core.LeadAds;
using AiSales.Core.Media;
using AiSales.Core.Messaging;
using AiSales.Core.Operations;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Migrations;
using AiSales.Core.Replies;
using AiSales.Core.Security;
using AiSales.Core.Sending;
using AiSales.Core.Sending.RateLimiting;
using AiSales.Core.Sending.Transports;
using AiSales.Core.Staff;
using AiSales.Worker;
using AiSales.Worker.Campaigns;
using AiSales.Worker.Commerce;
using AiSales.Worker.Conversions;
using AiSales.Worker.Crm;
using AiSales.Worker.Inbound;
using AiSales.Worker.Monitoring;
using JasperFx;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
// The handlers below share a capped pool: each holds one connection at a time, only for its round trips (HandlerConnections).
builder.AddNpgsqlDataSource("aisales", configureDataSourceBuilder: b => StatelessSessionTuning.Apply(b, HandlerConnections.Default));
builder.AddNpgsqlDbContextOnDataSource<AiSalesDbContext>();
builder.AddRedisClient("redis");
// Handlers live in this assembly; say so explicitly because under a test host the entry assembly is the runner.
// Queues, their listeners and parallelism: MessageQueues.
builder.AddMessaging(consume: true, opts => opts.ApplicationAssembly = typeof(PipelineTelemetry).Assembly);

builder.Services.AddSchemaMigrations();
builder.Services.AddTokenProtection();
builder.Services.AddDemoSeed();
builder.Services.AddInboundPipeline();
builder.Services.AddChannelHealthWatch();
// Campaign results from the Marketing API (docs/campaigns.md).
builder.Services.AddCampaignSync(builder.Configuration);
builder.Services.AddChannelSenders(builder.Configuration);
builder.Services.AddChannelRateLimiter(builder.Configuration);
builder.Services.AddAiReplies(builder.Configuration);
builder.Services.AddOutboundSending(builder.Configuration);
builder.Services.AddQueueMetrics();
builder.Services.AddStaffAssistant();
// Lead ads (issue #22): reading lead form submissions from Graph on the integrations queue.
builder.Services.AddLeadAds(builder.Configuration);
builder.Services.AddSingleton<IDeadLetterHook, AiSales.Worker.LeadAds.LeadReadDeadLetterHook>();
// Odoo both ways (issue #22): push jobs + scheduler, Odoo webhook applier.
builder.Services.AddOdooSync();
// Conversions API (issue #25): order events to Meta, scheduler + send jobs (docs/conversions.md).
builder.Services.AddConversionsSending(builder.Configuration);
// Products to the merchant's Meta catalog (issue #25, docs/catalog-sync.md).
builder.Services.AddCatalogSync(builder.Configuration);
// Customers' photos and voice notes looked at before the reply (docs/media.md).
builder.Services.AddCustomerMediaFetch(builder.Configuration);
builder.Services.AddSingleton<AiSales.Core.Replies.Llm.VoiceTranscriber>();
builder.Services.AddSingleton<AiSales.Core.Replies.PhotoIdentifier>();
builder.Services.AddSingleton<AiSales.Core.Replies.MediaUnderstanding>();
builder.Services.AddSingleton<AiSales.Worker.Sending.SendTelemetry>();
builder.Services.AddSingleton<IDeadLetterHook, AiSales.Worker.Sending.SendDeadLetterHook>();

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
