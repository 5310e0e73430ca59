using AiSales.Core.Ai;
using AiSales.Core.Channels.RateLimiting;
using AiSales.Core.Channels.Sending;
using AiSales.Core.Demo;
using AiSales.Core.Messaging;
using AiSales.Core.Operations;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Migrations;
using AiSales.Core.Security;
using AiSales.Core.Sending;
using AiSales.Worker;
using AiSales.Worker.Inbound;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
// The 32 handlers below share a capped pool: each holds one connection at a time, only for its round trips (HandlerConnections).
builder.AddNpgsqlDataSource("aisales", configureDataSourceBuilder: b => StatelessSessionTuning.Apply(b, HandlerConnections.Default));
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
    opts.Queue<ReconcileSend>().Priority(MessagePriorities.SendMessage);
    opts.Queue<ChannelReconnected>().Priority(MessagePriorities.SendMessage);
    // A fetch leases up to this many, bounded by free handlers: with the 32 below, one round trip refills them all.
    opts.Durability.BatchSize = 100;
    // Handlers here are I/O-bound: a job is a chain of database round trips (and an HTTP call for sends), not CPU.
    // With the default 2 x cores (4 on the 2-core box) the chain's latency, not the machine, capped the reply pipeline
    // at ~35 messages/s while both cores sat mostly idle (bench/reply-cost.sh). 32 keeps the cores busy; they share the
    // pool above (a handler holds at most one connection at a time, never across an HTTP or LLM call).
    opts.Durability.WorkerCount = 32;
});

builder.Services.AddSchemaMigrations();
builder.Services.AddTokenProtection();
builder.Services.AddDemoSeed();
builder.Services.AddInboundPipeline();
builder.Services.AddChannelSenders(builder.Configuration);
builder.Services.AddChannelRateLimiter(builder.Configuration);
builder.Services.AddAiReplies(builder.Configuration);
builder.Services.AddOutboundSending(builder.Configuration);
builder.Services.AddQueueMetrics();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGet("/", () => "AiSales worker").ExcludeFromDescription();

app.Run();
