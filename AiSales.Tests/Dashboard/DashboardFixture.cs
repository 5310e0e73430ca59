namespace AiSales.Tests.Dashboard;

/// <summary>One dashboard host and database for the whole Dashboard test class (start-up runs migrations and the seed).</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public DashboardAppFactory App { get; private set; } = default!;

    public async Task InitializeAsync() => App = await DashboardAppFactory.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}
