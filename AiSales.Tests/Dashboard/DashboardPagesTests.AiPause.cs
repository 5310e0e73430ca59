namespace AiSales.Tests.Dashboard;

/// <summary>The assistant's pause on the AI settings page (the staff command's twin).</summary>
public sealed partial class DashboardPagesTests
{
    [Fact]
    public async Task Pausing_the_assistant_on_the_settings_page_is_the_staff_commands_pause_and_saving_settings_keeps_it()
    {
        using var client = await SignedInAsync();
        var m = DashboardAppFactory.DemoMerchantId;
        var paused = await PostFormAsync(client, "/ai-settings", "pause", new() { ["paused"] = "true" });
        Assert.Contains("data-testid=\"ai-pause\" data-paused=\"true\"", paused);
        Assert.Equal("true", await Db.ScalarAsync<string>($"SELECT ai_settings->>'paused' FROM merchants WHERE id = '{m}'"));
        Assert.True(await Db.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE action = 'merchant.ai_settings_changed' AND merchant_id = '{m}' AND details->>'via' = 'dashboard' AND details->>'paused' = 'true'") == 1);

        // The settings form does not carry the pause: saving it leaves the shop paused.
        await PostFormAsync(client, "/ai-settings", "ai", new()
        {
            ["persona"] = "موظفة", ["tone"] = "warm", ["dialect"] = "iraqi", ["debounce"] = "4", ["quiet"] = "30", ["keywords"] = "",
        });
        Assert.Equal("true", await Db.ScalarAsync<string>($"SELECT ai_settings->>'paused' FROM merchants WHERE id = '{m}'"));

        var resumed = await PostFormAsync(client, "/ai-settings", "pause", new() { ["paused"] = "false" });
        Assert.Contains("data-testid=\"ai-pause\" data-paused=\"false\"", resumed);
        Assert.Equal("false", await Db.ScalarAsync<string>($"SELECT ai_settings->>'paused' FROM merchants WHERE id = '{m}'"));
    }
}
