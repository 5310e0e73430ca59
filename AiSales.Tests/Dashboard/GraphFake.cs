using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiSales.Tests.Dashboard;

/// <summary>
/// A tiny local Kestrel playing Graph's OAuth endpoints: POST /{v}/oauth/access_token answers a user token for code
/// "good-code"; GET /{v}/me/accounts lists two pages (one with an Instagram account) for that token. Records what it saw.
/// </summary>
public sealed class GraphFake : IAsyncDisposable
{
    public const string UserToken = "EAAUser-token-from-fake";
    public const string PageToken = "EAAPage-token-0001-secret";
    private readonly WebApplication _app;
    public ConcurrentQueue<string> Seen { get; } = new();
    public string BaseUrl { get; private set; } = "";

    private GraphFake(WebApplication app) => _app = app;

    public static async Task<GraphFake> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new GraphFake(app);
        app.MapPost("/{version}/oauth/access_token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            fake.Seen.Enqueue($"token url={request.Path}{request.QueryString} secret={form["client_secret"]} code={form["code"]} redirect={form["redirect_uri"]}");
            return form["code"] == "good-code"
                ? Results.Json(new { access_token = UserToken, token_type = "bearer" })
                : Results.Json(new { error = new { message = "Invalid verification code format.", code = 100 } }, statusCode: 400);
        });
        app.MapGet("/{version}/me/accounts", (HttpRequest request) =>
        {
            fake.Seen.Enqueue($"accounts auth={request.Headers.Authorization} url={request.Path}{request.QueryString}");
            if (request.Headers.Authorization != $"Bearer {UserToken}") return Results.Json(new { error = new { message = "bad token", code = 190 } }, statusCode: 401);
            return Results.Json(new
            {
                data = new object[]
                {
                    new { id = "104000000000001", name = "Baghdad Style Page", access_token = PageToken, instagram_business_account = new { id = "17841400000777001" } },
                    new { id = "104000000000002", name = "Second Page", access_token = "EAAPage-token-0002-secret" },
                },
            });
        });
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
