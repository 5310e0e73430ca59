using AiSales.Tests.Ingest;

namespace AiSales.Tests.Operations;

/// <summary>One Webhooks app (own database) shared by the ops tests that do not depend on queue nodes.</summary>
public sealed class OpsApiFixture : IAsyncLifetime
{
    public WebhooksAppFactory App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await WebhooksAppFactory.StartAsync("ops");

    public async Task DisposeAsync() => await App.DisposeAsync();

    public HttpClient Client()
    {
        var http = App.CreateClient();
        http.DefaultRequestHeaders.Add("X-Ops-Key", WebhooksAppFactory.OpsKey);
        return http;
    }
}
