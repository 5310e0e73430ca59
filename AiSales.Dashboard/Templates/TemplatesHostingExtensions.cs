using AiSales.Core.Sending.Templates;

namespace AiSales.Dashboard.Templates;

public static class TemplatesHostingExtensions
{
    /// <summary>WhatsApp templates (docs/templates.md): listed from Meta, chosen per event.</summary>
    public static IHostApplicationBuilder AddTemplates(this IHostApplicationBuilder builder)
    {
        builder.Services.AddWhatsAppTemplates();
        builder.Services.AddScoped<TemplatesPageData>();
        return builder;
    }
}
