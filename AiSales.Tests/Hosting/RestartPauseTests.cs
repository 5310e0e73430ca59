using AiSales.AppHost.Supervision;

namespace AiSales.Tests.Hosting;

/// <summary>
/// A service failing at start backs off; one killed after it was healthy, or killed from outside while it started, comes
/// back at once however often.
/// </summary>
[Trait("Category", "Unit")]
public class RestartPauseTests
{
    private const int Crashed = 134, Failed = 1, SigKill = 137, SigTerm = 143;
    private static readonly DateTime T0 = new(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(Crashed)]
    [InlineData(Failed)]
    public void Failing_on_its_own_before_turning_healthy_doubles_the_pause_up_to_the_ceiling(int exitCode)
    {
        var state = default(RestartPause);
        var pauses = new List<double>();
        for (var i = 0; i < 9; i++)
        {
            (state, var pause) = state.AfterStop(T0.AddSeconds(i * 5), wasHealthy: false, exitCode);
            pauses.Add(pause.TotalSeconds);
        }
        Assert.Equal([0.5, 1, 2, 4, 8, 16, 30, 30, 30], pauses);
    }

    [Theory]
    [InlineData(true, SigKill)]
    [InlineData(true, Crashed)]
    [InlineData(false, SigKill)]
    [InlineData(false, SigTerm)]
    public void Killed_every_ten_seconds_after_turning_healthy_or_from_outside_while_starting_it_always_comes_back_at_once(bool healthy, int exitCode)
    {
        var state = default(RestartPause);
        for (var i = 0; i < 20; i++)
        {
            (state, var pause) = state.AfterStop(T0.AddSeconds(i * 10), healthy, exitCode);
            Assert.Equal(RestartPause.Shortest, pause);
        }
    }

    [Fact]
    public void A_healthy_life_ends_a_run_of_failed_starts_and_failures_a_minute_apart_are_not_a_loop()
    {
        var state = default(RestartPause);
        for (var i = 0; i < 4; i++) (state, _) = state.AfterStop(T0.AddSeconds(i), wasHealthy: false, Crashed);
        var (afterHealthy, pause) = state.AfterStop(T0.AddSeconds(10), wasHealthy: true, SigKill);
        Assert.Equal(RestartPause.Shortest, pause);
        (_, pause) = afterHealthy.AfterStop(T0.AddSeconds(11), wasHealthy: false, Crashed);
        Assert.Equal(RestartPause.Shortest, pause);
        (_, pause) = state.AfterStop(T0.AddSeconds(5), wasHealthy: false, Crashed);
        Assert.Equal(TimeSpan.FromSeconds(8), pause); // the fifth: 0.5, 1, 2, 4, 8

        (_, pause) = state.AfterStop(T0.AddMinutes(5), wasHealthy: false, Crashed);
        Assert.Equal(RestartPause.Shortest, pause);
    }
}
