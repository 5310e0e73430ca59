namespace AiSales.Dashboard.Leads;

/// <summary>GET /live/leads: the board's change marker, polled by app.js every 2 s (the page's live updates, as the inbox's).</summary>
public static class LeadBoardEndpoints
{
    public static IEndpointRouteBuilder MapLeadBoardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/live/leads", async (LeadBoard board, CancellationToken ct) => Results.Text(await board.LastChangeAsync(ct), "text/plain"))
            .RequireAuthorization();
        return app;
    }
}
