namespace AiSales.Dashboard.Simulator;

public static class SimulatorHostingExtensions
{
    /// <summary>The simulator page: signed webhooks sent to the Webhooks service, as Meta would.</summary>
    public static IHostApplicationBuilder AddSimulatorPage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSimulator();
        builder.Services.AddScoped<SimulatorSession>();
        return builder;
    }
}
