using System.ComponentModel.DataAnnotations;
using AiSales.Core.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AiSales.Tests.ServiceDefaults;

public class ValidatedOptionsTests
{
    public sealed class SampleMetaOptions
    {
        [Required] public string VerifyToken { get; set; } = "";
        public string[] AppSecrets { get; set; } = [];
        [Range(1, 10)] public int MaxBatch { get; set; } = 5;
        [Range(typeof(decimal), "0.0001", "1000000")] public decimal Rate { get; set; } = 1310m;
        public SampleRetryOptions Retry { get; set; } = new();
    }

    public sealed class SampleRetryOptions
    {
        [Range(0, 5)] public int Attempts { get; set; } = 1;
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddValidatedOptions<SampleMetaOptions>("Meta");
        return builder.Build();
    }

    [Fact]
    public async Task Missing_required_setting_stops_start_up_naming_the_full_key()
    {
        using var host = Build(new() { ["Meta:MaxBatch"] = "50", ["Meta:Retry:Attempts"] = "9" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Meta:VerifyToken is required.", error.Failures);
        Assert.Contains(error.Failures, f => f.Contains("Meta:MaxBatch"));
        Assert.Contains(error.Failures, f => f.Contains("Meta:Retry:Attempts"));
    }

    [Fact]
    public async Task Valid_settings_start_and_bind()
    {
        using var host = Build(new() { ["Meta:VerifyToken"] = "tok", ["Meta:MaxBatch"] = "7" });

        await host.StartAsync();
        var options = host.Services.GetRequiredService<IOptions<SampleMetaOptions>>().Value;
        await host.StopAsync();

        Assert.Equal("tok", options.VerifyToken);
        Assert.Equal(7, options.MaxBatch);
    }

    [Fact]
    public void Registering_twice_binds_the_section_once()
    {
        using var valid = BuildTwice(new() { ["Meta:VerifyToken"] = "tok", ["Meta:AppSecrets:0"] = "a", ["Meta:AppSecrets:1"] = "b" });
        Assert.Equal(["a", "b"], valid.Services.GetRequiredService<IOptions<SampleMetaOptions>>().Value.AppSecrets);

        using var invalid = BuildTwice([]);
        var error = Assert.Throws<OptionsValidationException>(() => invalid.Services.GetRequiredService<IOptions<SampleMetaOptions>>().Value);
        Assert.Equal(["Meta:VerifyToken is required."], error.Failures);
    }

    private static IHost BuildTwice(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddValidatedOptions<SampleMetaOptions>("Meta");
        builder.Services.AddValidatedOptions<SampleMetaOptions>("Meta");
        return builder.Build();
    }

    [Fact]
    public void One_options_type_cannot_read_two_sections()
    {
        var services = new ServiceCollection();
        services.AddValidatedOptions<SampleMetaOptions>("Meta");

        var error = Assert.Throws<InvalidOperationException>(() => services.AddValidatedOptions<SampleMetaOptions>("Webhooks"));

        Assert.Contains("'Meta'", error.Message);
    }

    [Fact]
    public void Limits_are_read_invariantly_on_a_thread_in_arabic()
    {
        using var host = Build(new() { ["Meta:VerifyToken"] = "tok", ["Meta:Rate"] = "2.5" });
        var before = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("ar-IQ");
        try
        {
            // IOptions<T> validates again on first use, here on a request's culture.
            Assert.Equal(2.5m, host.Services.GetRequiredService<IOptions<SampleMetaOptions>>().Value.Rate);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }
}
