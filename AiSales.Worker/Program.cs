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
// The handlers below share a capped pool: each holds one connection at a time, only for its round trips (HandlerConnections).
builder.AddNpgsqlDataSource("aisales", configureDataSourceBuilder: b => StatelessSessionTuning.Apply(b, HandlerConnections.Default));
builder.AddNpgsqlDbContextOnDataSource<AiSalesDbContext>();
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
    // A fetch leases up to this many, bounded by free handlers; a full batch fetches again at once.
    opts.Durability.BatchSize = 100;
    // Handlers here wait, they do not compute: a job is a chain of database round trips, an HTTP call for sends and,
    // with a model configured, a completion of a second or more. The default 2 x cores (4 here) capped the offline
    // pipeline at ~35 messages/s with both cores mostly idle; 32 still capped an LLM at 1 s per completion at 28 replies/s,
    // and then the lowest-priority jobs (storing new deliveries) waited behind the replies too (p50 17 s at 50 msg/s).
    // 256 answered 50 msg/s at the model's own latency (p50 1.01 s) and changed nothing offline at 200 msg/s: a waiting
    // handler is a small task, and database sessions are capped separately (HandlerConnections). docs/BENCHMARKS.md,
    // seventh round.
    opts.Durability.WorkerCount = 256;
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
builder.Services.AddSingleton<AiSales.Worker.Sending.SendTelemetry>();

var app = builder.Build();

app.UseWebHardening();
app.UseAiSalesErrorHandling();

app.MapDefaultEndpoints();
app.MapGet("/", () => "AiSales worker").ExcludeFromDescription();

app.Run();
