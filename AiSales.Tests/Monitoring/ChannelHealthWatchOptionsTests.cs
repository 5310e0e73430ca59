using AiSales.Core.Options;
using AiSales.Worker.Monitoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiSales.Tests.Monitoring;

/// <summary>The Monitoring section is checked at start, with messages naming the setting to fix.</summary>
[Trait("Category", "Unit")]
public sealed class ChannelHealthWatchOptionsTests
{
    private static ChannelHealthWatchOptions Bind(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddValidatedOptions<ChannelHealthWatchOptions>(ChannelHealthWatchOptions.Section);
        return services.BuildServiceProvider().GetRequiredService<IOptions<ChannelHealthWatchOptions>>().Value;
    }

    [Fact]
    public void Defaults_are_a_minute_six_hours_a_day_and_five_sends()
    {
        var o = Bind([]);
        Assert.Equal((true, TimeSpan.FromSeconds(60), TimeSpan.FromHours(6), TimeSpan.FromHours(24), 5),
            (o.Enabled, o.CheckInterval, o.SilenceAfter, o.TrafficWindow, o.FailedInARow));
    }

    [Theory]
    [InlineData("Monitoring:FailedInARow", "0", "Monitoring:FailedInARow")]
    [InlineData("Monitoring:CheckInterval", "00:00:00", "Monitoring:CheckInterval")]
    [InlineData("Monitoring:SilenceAfter", "2.00:00:00", "Monitoring:SilenceAfter must be shorter than Monitoring:TrafficWindow")]
    public void A_bad_setting_fails_naming_it(string key, string value, string message)
    {
        var e = Assert.Throws<OptionsValidationException>(() => Bind(new() { [key] = value }));
        Assert.Contains(message, e.Message);
    }
}
