using AiSales.Core.Staff;

namespace AiSales.Worker.Staff;

public static class StaffHostingExtensions
{
    /// <summary>The shop's team on WhatsApp (docs/staff-whatsapp.md). After AddReplies: with a model configured, the
    /// assistant passes it the questions its patterns miss.</summary>
    public static IHostApplicationBuilder AddStaffAssistant(this IHostApplicationBuilder builder)
    {
        builder.Services.AddStaffAssistant();
        return builder;
    }
}
