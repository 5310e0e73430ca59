// The ceiling for the ingest benchmark: same route shape, no signature check, no database.
// Whatever the real endpoint costs on top of this is the price of verification + durable commit.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();

var app = builder.Build();

// Drain the body like the real endpoint must (it signs the raw bytes), then answer 200.
app.MapPost("/webhooks/{platform}", async (HttpRequest request) =>
{
    await request.Body.CopyToAsync(Stream.Null);
    return Results.Ok();
});

app.Run();
