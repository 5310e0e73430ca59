using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiSales.Tests.Fakes;

/// <summary>ManyChat's POST /fb/sending/sendContent: {"status":"success"}, or 401 without a Bearer key.</summary>
public sealed class FakeManyChat : FakeHttpService
{
    public static async Task<FakeManyChat> StartNewAsync()
    {
        var fake = new FakeManyChat();
        await fake.StartAsync();
        return fake;
    }

    protected override void Map(WebApplication app)
    {
        app.MapPost("/fb/sending/sendContent", async (HttpContext context) =>
        {
            if (await RecordAndApplyFaultsAsync(context) is not { } request) return;
            if (string.IsNullOrEmpty(request.BearerToken))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsJsonAsync(new { status = "error", message = "Unauthorized" });
                return;
            }
            await context.Response.WriteAsJsonAsync(new { status = "success" });
        });
    }
}
