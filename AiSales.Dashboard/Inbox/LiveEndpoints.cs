namespace AiSales.Dashboard.Inbox;

/// <summary>
/// The inbox's live updates: app.js asks every 2 s for a cheap change marker and, when it moved, fetches the page again
/// and swaps its live regions in place (no reload). Polling (not LISTEN/NOTIFY or a circuit) because it needs nothing but one indexed query and survives
/// restarts, proxies and sleeping laptops without reconnect logic.
/// </summary>
public static class LiveEndpoints
{
    public static void MapLiveEndpoints(this WebApplication app) =>
        app.MapGet("/live/inbox", async (InboxQueries queries, CancellationToken ct) =>
            Results.Text(await queries.LastChangeAsync(ct), "text/plain"))
            .RequireAuthorization();
}
