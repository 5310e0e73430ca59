using AiSales.Core.Options;
using AiSales.Core.Replies.Llm;

namespace AiSales.Dashboard.AiSettings;

public static class AiSettingsHostingExtensions
{
    /// <summary>The AI settings page: the merchant's reply settings, and which engine answers (section <c>Ai</c>, shown, never the key).</summary>
    public static IHostApplicationBuilder AddAiSettings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AiOptions>(AiOptions.SectionName);
        builder.Services.AddScoped<AiSettingsService>();
        return builder;
    }
}
