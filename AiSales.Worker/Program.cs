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
builder.AddNpgsqlDataSource("aisales", configureDataSourceBuilder: StatelessSessionTuning.Apply);
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
    // Bigger fetches raise drain throughput under a backlog (docs/BENCHMARKS.md, queue section); an idle
    // queue still wakes on NOTIFY and fetches what is there, so single-message latency is unchanged.
    opts.Durability.BatchSize = 100;
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
