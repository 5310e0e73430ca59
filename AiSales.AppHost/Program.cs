using AiSales.AppHost.Resources;
using AiSales.AppHost.State;
using AiSales.AppHost.Supervision;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

var builder = DistributedApplication.CreateBuilder(args);

var state = StateDirectory.Resolve(builder);
// .aisales/resources.json (URLs, connection strings, secrets, demo login: the contract for scripts) and logs/.
builder.UseStateFiles(state);
// Generated once into .aisales/secrets.json; the data servers keep their passwords between runs.
var secrets = builder.UseDevelopmentSecrets(state);
// A service that dies on its own is started again (AppHost:RestartCrashedServices, default true).
if (builder.Configuration.GetValue("AppHost:RestartCrashedServices", true)) builder.Services.AddHostedService<CrashedServiceRestarter>();

// Containers where a container engine works, the machine's own binaries where none does, or existing servers
// given as ConnectionStrings__aisales / ConnectionStrings__redis (see DataServices).
var db = builder.AddAiSalesDatabase(state);
var redis = builder.AddAiSalesRedis(state);

var webhooks = builder.AddProject<Projects.AiSales_Webhooks>("webhooks")
    .WithHttpEndpoint(port: Ports.For(builder, "webhooks", 5080), name: "http")
    .WithReference(db).WithReference(redis)
    .WaitFor(db).WaitFor(redis)
    .WithHttpHealthCheck("/health")
    .WithAiSalesSecrets(secrets)
    .WithoutTelemetryRetries();

var worker = builder.AddProject<Projects.AiSales_Worker>("worker")
    .WithHttpEndpoint(port: Ports.For(builder, "worker", 5070), name: "http")
    .WithReference(db).WithReference(redis).WithReference(webhooks)
    .WaitFor(db).WaitFor(redis)
    .WithHttpHealthCheck("/health")
    .WithAiSalesSecrets(secrets)
    .WithoutTelemetryRetries();
// Several Workers share the queues; Wolverine's node agents hand a dead one's work to the others (docs/messaging.md).
if (builder.Configuration.GetValue("AppHost:WorkerReplicas", 1) is > 1 and var replicas) worker.WithReplicas(replicas);

builder.AddProject<Projects.AiSales_Dashboard>("dashboard")
    .WithHttpEndpoint(port: Ports.For(builder, "dashboard", 5090), name: "http")
    .WithReference(db).WithReference(redis).WithReference(webhooks)
    .WaitFor(db).WaitFor(redis)
    .WithHttpHealthCheck("/health")
    .WithAiSalesSecrets(secrets)
    .WithOperatorKey(secrets)
    .WithoutTelemetryRetries();

builder.Build().Run();
