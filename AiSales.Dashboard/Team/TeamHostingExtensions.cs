using AiSales.Core.Staff;
using AiSales.Core.Staff.Linking;

namespace AiSales.Dashboard.Team;

public static class TeamHostingExtensions
{
    /// <summary>The Team page (docs/staff-whatsapp.md): linking staff phones; the code goes out through the staff outbox
    /// (the Worker sends it).</summary>
    public static IHostApplicationBuilder AddTeam(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StaffOutbox>();
        builder.Services.AddScoped<StaffPhoneLinks>();
        return builder;
    }
}
