using AiSales.Core.Demo;
using AiSales.Core.Messaging;
using AiSales.Core.Operations;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Migrations;
using AiSales.Core.Security;
using AiSales.Worker;
using AiSales.Worker.Inbound;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNpgsqlDataSource("aisales");
builder.AddNpgsqlDbContext<AiSalesDbContext>("aisales");
builder.AddRedisClient("redis");
builder.AddMessaging(consume: true, opts =>
{
    // Handlers live in this assembly; say so explicitly because under a test host the entry assembly is the runner.
    opts.ApplicationAssembly = typeof(PipelineTelemetry).Assembly;
    opts.Queue<SendMessage>().Priority(MessagePriorities.SendMessage);
    opts.Queue<GenerateReply>().Priority(MessagePriorities.GenerateReply);
    opts.Queue<HandBackToAi>().Priority(MessagePriorities.HandBackToAi);
    opts.Queue<ProcessWebhookDelivery>().Priority(MessagePriorities.ProcessWebhookDelivery);
});

builder.Services.AddSchemaMigrations();
builder.Services.AddTokenProtection();
builder.Services.AddDemoSeed();
builder.Services.AddInboundPipeline();
builder.Services.AddQueueMetrics();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGet("/", () => "AiSales worker").ExcludeFromDescription();

app.Run();
