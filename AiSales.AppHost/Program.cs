using AiSales.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

// Generated once into .aisales/secrets.json; the private servers use its passwords.
var secrets = builder.UseDevelopmentSecrets();

var postgres = builder.AddPostgres("postgres");
var db = postgres.AddDatabase("aisales");
var redis = builder.AddRedis("redis");

var webhooks = builder.AddProject<Projects.AiSales_Webhooks>("webhooks")
    .WithHttpEndpoint(port: 5080, name: "http")
    .WithReference(db).WithReference(redis)
    .WaitFor(db).WaitFor(redis)
    .WithHttpHealthCheck("/health")
    .WithAiSalesSecrets(secrets);

builder.AddProject<Projects.AiSales_Worker>("worker")
    .WithHttpEndpoint(port: 5070, name: "http")
    .WithReference(db).WithReference(redis).WithReference(webhooks)
    .WaitFor(db).WaitFor(redis)
    .WithHttpHealthCheck("/health")
    .WithAiSalesSecrets(secrets);

builder.AddProject<Projects.AiSales_Dashboard>("dashboard")
    .WithHttpEndpoint(port: 5090, name: "http")
    .WithReference(db).WithReference(redis).WithReference(webhooks)
    .WaitFor(db).WaitFor(redis)
    .WithHttpHealthCheck("/health")
    .WithAiSalesSecrets(secrets);

builder.Build().Run();
