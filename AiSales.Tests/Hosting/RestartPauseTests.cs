using AiSales.AppHost.Supervision;

namespace AiSales.Tests.Hosting;

/// <summary>A service failing at start backs off; one killed after it was healthy comes back at once, however often.</summary>
[Trait("Category", "Unit")]
public class RestartPauseTests
{
    private static readonly DateTime T0 = new(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Stops_before_turning_healthy_double_the_pause_up_to_the_ceiling()
    {
        var state = default(RestartPause);
        var pauses = new List<double>();
        for (var i = 0; i < 9; i++)
        {
            (state, var pause) = state.AfterStop(T0.AddSeconds(i * 5), wasHealthy: false);
            pauses.Add(pause.TotalSeconds);
        }
        Assert.Equal([0.5, 1, 2, 4, 8, 16, 30, 30, 30], pauses);
    }

    [Fact]
    public void A_service_killed_every_ten_seconds_after_turning_healthy_always_restarts_after_the_shortest_pause()
    {
        var state = default(RestartPause);
        for (var i = 0; i < 20; i++)
        {
            (state, var pause) = state.AfterStop(T0.AddSeconds(i * 10), wasHealthy: true);
            Assert.Equal(RestartPause.Shortest, pause);
        }
    }

    [Fact]
    public void A_healthy_life_ends_a_run_of_failed_starts_and_failures_a_minute_apart_are_not_a_loop()
    {
        var state = default(RestartPause);
        for (var i = 0; i < 4; i++) (state, _) = state.AfterStop(T0.AddSeconds(i), wasHealthy: false);
        var (afterHealthy, pause) = state.AfterStop(T0.AddSeconds(10), wasHealthy: true);
        Assert.Equal(RestartPause.Shortest, pause);
        (_, pause) = afterHealthy.AfterStop(T0.AddSeconds(11), wasHealthy: false);
        Assert.Equal(TimeSpan.FromSeconds(1), pause);

        (_, pause) = state.AfterStop(T0.AddMinutes(5), wasHealthy: false);
        Assert.Equal(RestartPause.Shortest, pause);
    }
}
