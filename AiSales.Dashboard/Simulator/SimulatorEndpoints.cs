namespace AiSales.Dashboard.Simulator;

/// <summary>GET /live/simulator?customer=: the thread's change marker, polled by app.js every 1.5 s (the page's live updates, as the inbox's).</summary>
public static class SimulatorEndpoints
{
    public static IEndpointRouteBuilder MapSimulatorEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/live/simulator", async (string? customer, SimulatorSession session, CancellationToken ct) =>
                SimulatorSession.IsValidCustomerId(customer) ? Results.Text(await session.MarkerAsync(customer!, ct)) : Results.BadRequest())
            .RequireAuthorization();
        return app;
    }
}
