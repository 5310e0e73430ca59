using AiSales.AppHost.Resources;
using AiSales.AppHost.Supervision;
using AiSales.Tests.Infrastructure;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Hosting;

/// <summary>DCP leaves a dead process dead; the AppHost starts one that stopped on its own, not one a person stopped.</summary>
public class SupervisionTests
{
    [Fact]
    public async Task A_killed_server_is_started_again_and_one_stopped_from_the_dashboard_stays_stopped()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        await using var host = TestAppHost.CreateEmpty();
        var b = host.Builder;
        b.AddLocalRedis("cache", b.AddParameter("cache-password", "cache-Secret-5", secret: true), host.StateDirectory);
        b.Services.AddHostedService<CrashedServiceRestarter>();
        var app = await host.StartAsync(ct);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("cache", ct);

        // Killed from outside: a new process, healthy again.
        var first = host.Pid("cache")!.Value;
        ProcessState.Kill(first);
        await Eventually.UntilAsync(() => host.Pid("cache") is { } pid && pid != first && ProcessState.IsAlive(pid), "a new cache process", Timeout.InfiniteTimeSpan, ct);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("cache", ct);

        // Stopped by a person (the dashboard's Stop is this command): it stays stopped.
        var second = host.Pid("cache")!.Value;
        var cache = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == "cache");
        var stop = await app.ResourceCommands.ExecuteCommandAsync(cache, KnownResourceCommands.StopCommand, ct);
        Assert.True(stop.Success, stop.Message);
        await ProcessAssert.AllGoneAsync([second]);
        await Task.Delay(TimeSpan.FromSeconds(3), ct); // longer than the first restart pause (0.5 s)
        Assert.True(app.ResourceNotifications.TryGetCurrentState("cache", out var state));
        Assert.Contains(state.Snapshot.State?.Text, (string[])[KnownResourceStates.Exited, KnownResourceStates.Finished]);
    }
}
